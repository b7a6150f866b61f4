import { STAGES } from '@inovda/contracts';

/**
 * A cycle to plan for a bench, load or chaos run: every stage window next year, so no deadline falls due (and no
 * schedule moves a track) while the run goes.
 */
export function cycleAhead(name: string) {
  const year = new Date().getUTCFullYear() + 1;
  const month = (index: number) => String(index).padStart(2, '0');
  const stageWindows = Object.fromEntries(
    STAGES.map((stage, index) => [
      stage,
      { start: `${year}-${month(index * 2 + 1)}-01`, due: `${year}-${month(index * 2 + 2)}-28` },
    ]),
  );
  return { name, year, stageWindows, targetPerOpd: 1, monevIntervalDays: 30 };
}
