import { CycleClosed, CycleOpened } from '@inovda/contracts';
import { createDocumentClient, requiredEnv } from '@inovda/dynamo';
import { eventHandler } from '@inovda/lambda-kit';
import { ENV } from '@inovda/manifest';
import { CycleStore } from '../store/cycle-store';

const cycles = new CycleStore(createDocumentClient(), requiredEnv(ENV.tableName));

/** Keeps submissions' own view of programme cycles from the workflow service's CycleOpened/CycleClosed. */
export const handler = eventHandler([CycleOpened, CycleClosed] as const, async (event) => {
  const { metadata, data } = event.envelope;
  const cycle = { cycleId: data.cycleId, name: data.name, year: data.year };
  if (event.detailType === 'CycleOpened') {
    await cycles.opened(metadata.eventId, { ...cycle, openedAt: event.envelope.data.openedAt });
  } else {
    await cycles.closed(metadata.eventId, { ...cycle, closedAt: event.envelope.data.closedAt });
  }
});
