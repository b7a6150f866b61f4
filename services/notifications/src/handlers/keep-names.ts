import { eventConsumer } from '@inovda/lambda-kit';
import { KEEP_NAMES_CONSUMES } from '../consumed-events';
import { depsFromEnv } from '../deps';
import { keepNames } from '../use-cases/names';

const deps = depsFromEnv();

/** Keeps an innovation's name from the events that carry its whole profile (a draft, a changed profile). */
export const handler = eventConsumer(KEEP_NAMES_CONSUMES, async (event) => {
  await keepNames(deps, { type: event.detailType, envelope: event.envelope });
  return 'applied';
});
