import type { InnovationStatus, Profile } from '@inovda/contracts';
import type { ActorRef } from '@inovda/kernel';

/** An innovation: its profile plus lifecycle state. `version` grows by one with every accepted change. */
export type Innovation = Profile & {
  readonly id: string;
  readonly version: number;
  readonly status: InnovationStatus;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly createdBy: ActorRef;
  readonly registeredAt?: string;
  /** The programme cycle it was registered into. */
  readonly cycleId?: string;
  readonly withdrawnAt?: string;
  readonly withdrawReason?: string;
};

export type HistoryAction = 'created' | 'updated' | 'registered' | 'withdrawn';

/** One entry of an innovation's change history. */
export interface HistoryEntry {
  readonly version: number;
  readonly action: HistoryAction;
  readonly at: string;
  readonly actor: ActorRef;
  readonly changedFields: readonly string[];
  readonly note?: string;
}
