import {
  CycleOpened,
  InnovationDrafted,
  InnovationProfileUpdated,
  InnovationRegistered,
  InnovationRegistrationReverted,
  InnovationWithdrawn,
  StageAdvanced,
} from '@inovda/contracts';
import { eventConsumer } from '@inovda/lambda-kit';
import { depsFromEnv, rubricEditionFromSettings } from '../deps';
import {
  applyCycleOpened,
  applyProfile,
  applyRegistered,
  applyReverted,
  applyStageAdvanced,
  applyWithdrawn,
} from '../use-cases/consumers';

const deps = depsFromEnv();
const editionId = rubricEditionFromSettings();

/** The events this consumer applies (the manifest subscribes to exactly these). */
export const CONSUMED = [
  CycleOpened,
  InnovationRegistered,
  InnovationRegistrationReverted,
  InnovationWithdrawn,
  InnovationDrafted,
  InnovationProfileUpdated,
  StageAdvanced,
] as const;

/** Keeps what scoring knows of cycles and innovations, from the workflow and submissions events. */
export const handler = eventConsumer(CONSUMED, (event) => {
  switch (event.detailType) {
    case 'CycleOpened':
      return applyCycleOpened(deps, event.envelope, editionId);
    case 'InnovationRegistered':
      return applyRegistered(deps, event.envelope);
    case 'InnovationRegistrationReverted':
      return applyReverted(deps, event.envelope);
    case 'InnovationWithdrawn':
      return applyWithdrawn(deps, event.envelope);
    case 'StageAdvanced':
      return applyStageAdvanced(deps, event.envelope);
    default:
      return applyProfile(deps, event.envelope);
  }
});
