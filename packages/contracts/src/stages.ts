/** The 5D stages (LAN's Laboratorium Inovasi), in order. */
export const STAGES = ['drum-up', 'diagnose', 'design', 'deliver', 'display'] as const;
export type Stage = (typeof STAGES)[number];

/** The stage after `stage`, or undefined after Display (the last). */
export function nextStage(stage: Stage): Stage | undefined {
  return STAGES[STAGES.indexOf(stage) + 1];
}

/** The stages as people name them: the 5D names are used as they are in Indonesian programmes too. */
export const STAGE_NAMES: Readonly<Record<Stage, string>> = {
  'drum-up': 'Drum up',
  diagnose: 'Diagnose',
  design: 'Design',
  deliver: 'Deliver',
  display: 'Display',
};
