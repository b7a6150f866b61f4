import { CycleClosed, CycleOpened } from '@inovda/contracts';
import { eventConsumer } from '@inovda/lambda-kit';
import { depsFromEnv } from '../deps';
import { applyCycleClosed, applyCycleOpened } from '../use-cases/cycle-projection';

const deps = depsFromEnv();

/** Keeps submissions' own view of programme cycles from the workflow service's CycleOpened/CycleClosed. */
export const handler = eventConsumer([CycleOpened, CycleClosed] as const, (event) =>
  event.detailType === 'CycleOpened' ? applyCycleOpened(deps, event.envelope) : applyCycleClosed(deps, event.envelope),
);
