import { acting, httpHandler, parseIfMatch } from '@inovda/lambda-kit';
import { depsFromEnv } from '../http/deps';
import { byRoute } from '../http/dispatch';
import { parseId } from '../http/request-schemas';
import { versioned } from '../http/responses';
import { routes } from '../routes';
import { changeCycleStatus } from '../use-cases/cycles';

const deps = depsFromEnv();

function statusHandler(action: 'open' | 'close') {
  const route = action === 'open' ? routes.openCycle : routes.closeCycle;
  return httpHandler(route, { body: 'none' }, async (request) => {
    const id = parseId(request.pathParameters.id);
    const expectedVersion = parseIfMatch(request.headers['if-match'], false);
    const actor = acting(request.caller, route.roles, request.correlationId);
    return versioned(await changeCycleStatus(deps, actor, id, action, expectedVersion));
  });
}

/** POST /cycles/{id}/open and POST /cycles/{id}/close. */
export const handler = byRoute([routes.openCycle, statusHandler('open')], [routes.closeCycle, statusHandler('close')]);
