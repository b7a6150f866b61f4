import { scheduledHandler } from '@inovda/lambda-kit';
import { webhookDepsFromEnv } from '../deps';
import { retryDue } from '../use-cases/webhook-delivery';

const deps = webhookDepsFromEnv();

/** Every minute: the deliveries whose next attempt on the backoff schedule is due. */
export const handler = scheduledHandler('webhook-retries', async () => ({ attempted: await retryDue(deps) }));
