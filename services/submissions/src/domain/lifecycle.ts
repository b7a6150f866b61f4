import type { InnovationStatus } from '@inovda/contracts';
import { Problem } from '@inovda/kernel';

/**
 * The lifecycle of an innovation in the submissions service: a draft is registered into the programme, and an
 * innovation may be withdrawn before or after registration. Withdrawn is final. (The 5D stages are the
 * workflow service's; this is only whether the innovation takes part.)
 */
export type LifecycleAction = 'register' | 'withdraw' | 'update' | 'revert-registration';

const ALLOWED_FROM: Record<LifecycleAction, readonly InnovationStatus[]> = {
  register: ['draft'],
  withdraw: ['draft', 'registered'],
  update: ['draft', 'registered'],
  // The workflow refused the registration (its cycle had closed): the innovation becomes a draft again.
  'revert-registration': ['registered'],
};

const NEXT_STATUS: Record<Exclude<LifecycleAction, 'update'>, InnovationStatus> = {
  register: 'registered',
  withdraw: 'withdrawn',
  'revert-registration': 'draft',
};

/** The action and the status as a person reads them in a problem detail. */
const ACTION_WORDS: Record<LifecycleAction, string> = {
  register: 'mendaftarkan',
  withdraw: 'menarik',
  update: 'mengubah',
  'revert-registration': 'membatalkan pendaftaran',
};
const STATUS_WORDS: Record<InnovationStatus, string> = {
  draft: 'draf',
  registered: 'terdaftar',
  withdrawn: 'ditarik',
};

/** Throws a 409 problem when the action is not allowed from the current status. */
export function assertAllowed(action: LifecycleAction, status: InnovationStatus): void {
  if (!ALLOWED_FROM[action].includes(status)) {
    throw new Problem('invalid-state', {
      detail: `Tidak dapat ${ACTION_WORDS[action]} inovasi yang berstatus ${STATUS_WORDS[status]}.`,
      currentStatus: status,
    });
  }
}

/** The status after a register or withdraw. */
export function nextStatus(action: Exclude<LifecycleAction, 'update'>): InnovationStatus {
  return NEXT_STATUS[action];
}
