import { eventConsumer } from '@inovda/lambda-kit';
import { NOTIFY_CONSUMES } from '../consumed-events';
import { notifyDepsFromEnv } from '../deps';
import { isRouted } from '../domain/routing';
import { keepNames } from '../use-cases/names';
import { notify } from '../use-cases/notify';

const deps = notifyDepsFromEnv();

/** Every event the consumer takes (consumed-events.ts: the manifest subscribes to exactly these). */
export const CONSUMED = [
  ...NOTIFY_CONSUMES.workflow,
  ...NOTIFY_CONSUMES.submissions,
  ...NOTIFY_CONSUMES.scoring,
  ...NOTIFY_CONSUMES.notifications,
] as const;

/** Tells people what happened (routing.ts), and keeps the names the texts show from the events it takes. */
export const handler = eventConsumer(CONSUMED, async (event) => {
  // The names these two events carry are kept here, before telling anyone: their own texts show them. Names that
  // arrive with a whole profile are keep-names' (handlers/keep-names.ts).
  if (event.detailType === 'CycleOpened' || event.detailType === 'InnovationRegistered') {
    await keepNames(deps, { type: event.detailType, envelope: event.envelope } as Parameters<typeof keepNames>[1]);
  }
  if (!isRouted(event.detailType)) return 'applied';
  const { metadata, data } = event.envelope;
  await notify(deps, {
    type: event.detailType,
    eventId: metadata.eventId,
    correlationId: metadata.correlationId,
    occurredAt: metadata.occurredAt,
    data: data as Record<string, unknown>,
  });
  return 'applied';
});
