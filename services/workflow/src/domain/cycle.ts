import type { CycleStatus } from '@inovda/contracts';
import { Problem } from '@inovda/kernel';

// A cycle is exactly what the API answers, so its type is the response schema's (@inovda/contracts); its stage
// windows and their rule (`windowIssues`) are the contracts' too, so a form checks a plan exactly as the API does.
export {
  CYCLE_STATUSES,
  type Cycle,
  type CycleStatus,
  type StageWindow,
  type StageWindows,
  type WindowIssue,
  windowIssues,
} from '@inovda/contracts';

export type CycleAction = 'open' | 'close' | 'update-windows' | 'commit';

const ALLOWED_FROM: Record<CycleAction, readonly CycleStatus[]> = {
  open: ['planned'],
  close: ['open'],
  // Windows may still move while the programme runs (a festival date slips), never after it closed.
  'update-windows': ['planned', 'open'],
  commit: ['planned', 'open'],
};

/** The action and the status as a person reads them in a problem detail. */
const ACTION_WORDS: Record<CycleAction, string> = {
  open: 'membuka',
  close: 'menutup',
  'update-windows': 'mengubah jadwal tahapan',
  commit: 'mencatat komitmen',
};
const STATUS_WORDS: Record<CycleStatus, string> = { planned: 'direncanakan', open: 'dibuka', closed: 'ditutup' };

/** Throws a 409 problem when the action is not allowed from the cycle's status. */
export function assertCycleAllows(action: CycleAction, status: CycleStatus): void {
  if (!ALLOWED_FROM[action].includes(status)) {
    throw new Problem('invalid-state', {
      detail: `Tidak dapat ${ACTION_WORDS[action]} pada siklus yang berstatus ${STATUS_WORDS[status]}.`,
      currentStatus: status,
    });
  }
}

/**
 * Whether a registration made at `registeredAt` may open a track in `cycle`: only if the cycle was open then. The
 * workflow service is the authority on cycles; submissions registers on its own projection of them, which lags a
 * close by the time an event takes, so a registration can reach the programme after its cycle closed. Such a
 * registration is refused (`cycle-closed`), and submissions takes the innovation back to a draft.
 */
export function registrationRefusal(
  cycle: { readonly status: CycleStatus; readonly closedAt?: string | undefined } | undefined,
  registeredAt: string,
): { reason: 'cycle-closed'; closedAt: string } | undefined {
  if (cycle?.status === 'closed' && cycle.closedAt !== undefined && registeredAt > cycle.closedAt) {
    return { reason: 'cycle-closed', closedAt: cycle.closedAt };
  }
  return undefined;
}
