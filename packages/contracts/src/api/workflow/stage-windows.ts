import { STAGES, type Stage } from '../../stages';

/** The window of one stage: ISO dates, `due` is the last day of the window. */
export interface StageWindow {
  readonly start: string;
  readonly due: string;
}
export type StageWindows = Readonly<Record<Stage, StageWindow>>;

/** One problem with a set of windows: the stage it concerns and an Indonesian message. */
export interface WindowIssue {
  readonly stage: Stage;
  readonly field: 'start' | 'due';
  readonly message: string;
}

/**
 * Windows must each start on or before their due date, and follow the stage order: a stage neither starts nor
 * ends before the one before it. Windows may overlap, because OPDs move at different paces and a coordinator
 * often opens Diagnose for early movers while Drum up is still collecting commitments. A rule of the plan, kept
 * with the schema so a form checks a plan exactly as the API does.
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
