/** The 5D stages (LAN's Laboratorium Inovasi), in order. */
export const STAGES = ['drum-up', 'diagnose', 'design', 'deliver', 'display'] as const;
export type Stage = (typeof STAGES)[number];

/** The stage after `stage`, or undefined after Display (the last). */
export function nextStage(stage: Stage): Stage | undefined {
  return STAGES[STAGES.indexOf(stage) + 1];
}
