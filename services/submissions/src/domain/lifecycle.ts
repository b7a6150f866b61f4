import type { InnovationStatus } from '@inovda/contracts';
import { Problem } from '@inovda/lambda-kit';

/**
 * The lifecycle of an innovation in the submissions service: a draft is registered into the programme, and an
 * innovation may be withdrawn before or after registration. Withdrawn is final. (The 5D stages are the
 * workflow service's; this is only whether the innovation takes part.)
 */
export type LifecycleAction = 'register' | 'withdraw' | 'update';

const ALLOWED_FROM: Record<LifecycleAction, readonly InnovationStatus[]> = {
  register: ['draft'],
  withdraw: ['draft', 'registered'],
  update: ['draft', 'registered'],
};

const NEXT_STATUS: Record<Exclude<LifecycleAction, 'update'>, InnovationStatus> = {
  register: 'registered',
  withdraw: 'withdrawn',
};

/** Throws a 409 problem when the action is not allowed from the current status. */
export function assertAllowed(action: LifecycleAction, status: InnovationStatus): void {
  if (!ALLOWED_FROM[action].includes(status)) {
    throw new Problem('invalid-state', {
      detail: `Cannot ${action} an innovation whose status is ${status}.`,
      currentStatus: status,
    });
  }
}

/** The status after a register or withdraw. */
export function nextStatus(action: Exclude<LifecycleAction, 'update'>): InnovationStatus {
  return NEXT_STATUS[action];
}
