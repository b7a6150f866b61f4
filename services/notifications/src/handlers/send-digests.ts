import { scheduledHandler } from '@inovda/lambda-kit';
import { notifyDepsFromEnv } from '../deps';
import { sendClosedDigests } from '../use-cases/digests';

const deps = notifyDepsFromEnv();

/** Hourly: every daily or weekly digest whose period closed, recorded for sending once. */
export const handler = scheduledHandler('digests', async () => ({ ...(await sendClosedDigests(deps)) }));
