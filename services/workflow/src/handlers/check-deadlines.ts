import { scheduledHandler } from '@inovda/lambda-kit';
import { listDepsFromEnv } from '../deps';
import { checkDeadlines } from '../use-cases/deadlines';

const deps = listDepsFromEnv();

/** The daily deadline schedule: StageOverdue and MonevDue, each announced once. */
export const handler = scheduledHandler('deadlines', async (tick) => ({ ...(await checkDeadlines(deps, tick.id)) }));
