import { STAGES, type Stage } from '@inovda/contracts';
import type { ActorRef } from '@inovda/kernel';
import { Problem } from '@inovda/kernel';

/** A programme cycle is planned, then open for registrations, then closed. Closed is final. */
export const CYCLE_STATUSES = ['planned', 'open', 'closed'] as const;
export type CycleStatus = (typeof CYCLE_STATUSES)[number];

/** The window of one stage: ISO dates, `due` is the last day of the window. */
export interface StageWindow {
  readonly start: string;
  readonly due: string;
}
export type StageWindows = Readonly<Record<Stage, StageWindow>>;

/** A programme cycle (e.g. "Program Inovasi 2027"). `version` grows by one with every accepted change. */
export interface Cycle {
  readonly id: string;
  readonly name: string;
  readonly year: number;
  readonly status: CycleStatus;
  readonly version: number;
  readonly stageWindows: StageWindows;
  readonly targetPerOpd: number;
  readonly monevIntervalDays: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly createdBy: ActorRef;
  readonly openedAt?: string;
  readonly closedAt?: string;
}

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

/** One problem with a set of windows: the stage it concerns and an Indonesian message. */
export interface WindowIssue {
  readonly stage: Stage;
  readonly field: 'start' | 'due';
  readonly message: string;
}

/**
 * Windows must each start on or before their due date, and follow the stage order: a stage neither starts nor
 * ends before the one before it. Windows may overlap, because OPDs move at different paces and a coordinator
 * often opens Diagnose for early movers while Drum up is still collecting commitments.
 */
export function windowIssues(windows: StageWindows): WindowIssue[] {
  const issues: WindowIssue[] = [];
  STAGES.forEach((stage, index) => {
    const window = windows[stage];
    if (window.start > window.due) {
      issues.push({ stage, field: 'due', message: 'tanggal selesai tidak boleh sebelum tanggal mulai' });
    }
    const previous = index > 0 ? windows[STAGES[index - 1] as Stage] : undefined;
    if (previous && window.start < previous.start) {
      issues.push({ stage, field: 'start', message: 'tahapan tidak boleh dimulai sebelum tahapan sebelumnya' });
    }
    if (previous && window.due < previous.due) {
      issues.push({ stage, field: 'due', message: 'tahapan tidak boleh berakhir sebelum tahapan sebelumnya' });
    }
  });
  return issues;
}
