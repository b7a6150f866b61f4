import { WebhookDeliveryRequested } from '@inovda/contracts';
import { eventConsumer } from '@inovda/lambda-kit';
import { webhookDepsFromEnv } from '../deps';
import { attemptDelivery } from '../use-cases/webhook-delivery';

const deps = webhookDepsFromEnv();

/** The first attempt of each delivery (or of a replay's series), from its own queue: no other channel waits on it. */
export const handler = eventConsumer([WebhookDeliveryRequested] as const, (event) => {
  const { opdId, webhookId, deliveryId } = event.envelope.data;
  return attemptDelivery(deps, opdId, webhookId, deliveryId, 'request');
});
