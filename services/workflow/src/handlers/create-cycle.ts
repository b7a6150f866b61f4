import { acting, httpHandler, parseOrProblem } from '@inovda/lambda-kit';
import { createCycleInput } from '../domain/cycle-input';
import { depsFromEnv } from '../http/deps';
import { versioned } from '../http/responses';
import { routes } from '../routes';
import { createCycle } from '../use-cases/cycles';

const deps = depsFromEnv();

/** POST /cycles: plan a programme cycle. */
export const handler = httpHandler(routes.createCycle, { body: 'required' }, async (request) => {
  const input = parseOrProblem(createCycleInput, request.body);
  const actor = acting(request.caller, routes.createCycle.roles, request.correlationId);
  const cycle = await createCycle(deps, actor, input);
  return versioned(cycle, 201, { location: `/cycles/${cycle.id}` });
});
