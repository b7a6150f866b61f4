import {
  InnovationDrafted,
  InnovationProfileUpdated,
  InnovationRegistered,
  InnovationWithdrawn,
} from '@inovda/contracts';
import { eventHandler, logger } from '@inovda/lambda-kit';
import { boardDepsFromEnv } from '../http/board-deps';
import { applyProfile, closeTrack, openTrack } from '../use-cases/consumers';

const deps = boardDepsFromEnv();

/** The submissions events this service consumes (the manifest subscribes to exactly these). */
export const CONSUMED = [
  InnovationDrafted,
  InnovationRegistered,
  InnovationProfileUpdated,
  InnovationWithdrawn,
] as const;

/** Opens and closes tracks and keeps the gate projection, from the submissions events. */
export const handler = eventHandler(CONSUMED, async ({ detailType, envelope }) => {
  const outcome =
    detailType === InnovationRegistered.name
      ? await openTrack(deps, InnovationRegistered.parse(envelope))
      : detailType === InnovationWithdrawn.name
        ? await closeTrack(deps, InnovationWithdrawn.parse(envelope))
        : await applyProfile(
            deps,
            detailType === InnovationDrafted.name
              ? InnovationDrafted.parse(envelope)
              : InnovationProfileUpdated.parse(envelope),
          );
  logger.info('event applied', { detailType, outcome });
});
