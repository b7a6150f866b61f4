import { createCycleInput } from '@inovda/contracts';
import { parseOrProblem } from '@inovda/kernel';
import { httpHandler, versioned } from '@inovda/lambda-kit';
import { depsFromEnv } from '../deps';
import * as routes from '../routes';
import { createCycle } from '../use-cases/cycles';

const deps = depsFromEnv();

/** POST /cycles: plan a programme cycle. */
export const handler = httpHandler(routes.createCycle, { body: 'required' }, async (request) => {
  const cycle = await createCycle(deps, request.acting, parseOrProblem(createCycleInput, request.body));
  return versioned(cycle, 201, { location: `/cycles/${cycle.id}` });
});
