import {
  InnovationDrafted,
  InnovationProfileUpdated,
  InnovationRegistered,
  InnovationWithdrawn,
} from '@inovda/contracts';
import { eventConsumer } from '@inovda/lambda-kit';
import { trackEventDepsFromEnv } from '../board-deps';
import { applyProfile, closeTrack, openTrack } from '../use-cases/consumers';

const deps = trackEventDepsFromEnv();

/** The submissions events this service consumes (the manifest subscribes to exactly these). */
export const CONSUMED = [
  InnovationDrafted,
  InnovationRegistered,
  InnovationProfileUpdated,
  InnovationWithdrawn,
] as const;

/** Opens and closes tracks and keeps the gate projection, from the submissions events. */
export const handler = eventConsumer(CONSUMED, (event) => {
  switch (event.detailType) {
    case 'InnovationRegistered':
      return openTrack(deps, event.envelope);
    case 'InnovationWithdrawn':
      return closeTrack(deps, event.envelope);
    default:
      return applyProfile(deps, event.envelope);
  }
});
