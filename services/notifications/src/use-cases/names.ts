import type {
  CycleOpened,
  EnvelopeOf,
  InnovationDrafted,
  InnovationProfileUpdated,
  InnovationRegistered,
} from '@inovda/contracts';
import type { Deps } from './context';

/**
 * Keeps the names notifications show (an innovation's, a cycle's) from the events that carry them, newest version
 * only: the workflow's events name innovations by id alone, and a person reads names.
 */
export async function keepNames(
  deps: Deps,
  event:
    | { type: 'CycleOpened'; envelope: EnvelopeOf<typeof CycleOpened> }
    | { type: 'InnovationRegistered'; envelope: EnvelopeOf<typeof InnovationRegistered> }
    | {
        type: 'InnovationDrafted' | 'InnovationProfileUpdated';
        envelope: EnvelopeOf<typeof InnovationDrafted> | EnvelopeOf<typeof InnovationProfileUpdated>;
      },
): Promise<void> {
  switch (event.type) {
    case 'CycleOpened':
      // A cycle's name does not change once open.
      return deps.store.keepName('cycle', event.envelope.data.cycleId, { name: event.envelope.data.name, version: 1 });
    case 'InnovationRegistered': {
      const { data } = event.envelope;
      return deps.store.keepName('innovation', data.innovationId, { name: data.name, version: data.version });
    }
    default: {
      const { data } = event.envelope;
      return deps.store.keepName('innovation', data.innovationId, { name: data.profile.name, version: data.version });
    }
  }
}
