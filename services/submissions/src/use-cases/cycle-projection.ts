import type { CycleClosed, CycleOpened, EnvelopeOf } from '@inovda/contracts';
import type { Applied } from '@inovda/dynamo';
import type { Deps } from './context';

/** The consumer name the projection's processed-event records are kept under. */
const CONSUMER = 'cycle-projection';

/** A cycle opened in the workflow service: registrations into it are now accepted here. */
export function applyCycleOpened(deps: Deps, envelope: EnvelopeOf<typeof CycleOpened>): Promise<Applied> {
  const { metadata, data } = envelope;
  return deps.cycles.opened(
    { cycleId: data.cycleId, name: data.name, year: data.year, openedAt: data.openedAt },
    { consumer: CONSUMER, eventId: metadata.eventId },
    deps.now(),
  );
}

/** A cycle closed: registrations into it are refused from now on, whatever arrives later. */
export function applyCycleClosed(deps: Deps, envelope: EnvelopeOf<typeof CycleClosed>): Promise<Applied> {
  const { metadata, data } = envelope;
  return deps.cycles.closed(
    { cycleId: data.cycleId, name: data.name, year: data.year, closedAt: data.closedAt },
    { consumer: CONSUMER, eventId: metadata.eventId },
    deps.now(),
  );
}
