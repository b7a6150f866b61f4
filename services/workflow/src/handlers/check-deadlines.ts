import { scheduledHandler } from '@inovda/lambda-kit';
import { depsFromEnv } from '../deps';
import { checkDeadlines } from '../use-cases/deadlines';

const deps = depsFromEnv();

/** The daily deadline schedule: StageOverdue and MonevDue, each announced once. */
export const handler = scheduledHandler('deadlines', async (tick) => ({ ...(await checkDeadlines(deps, tick.id)) }));
