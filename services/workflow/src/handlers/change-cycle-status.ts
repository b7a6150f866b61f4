import { parseIfMatch } from '@inovda/kernel';
import { byRoute, httpHandler, versioned } from '@inovda/lambda-kit';
import { depsFromEnv } from '../deps';
import { parseId } from '../http/request-schemas';
import * as routes from '../routes';
import { changeCycleStatus } from '../use-cases/cycles';

const deps = depsFromEnv();

function statusHandler(action: 'open' | 'close') {
  return httpHandler(action === 'open' ? routes.openCycle : routes.closeCycle, { body: 'none' }, async (request) => {
    const id = parseId(request.pathParameters.id);
    const expectedVersion = parseIfMatch(request.headers['if-match'], false);
    return versioned(await changeCycleStatus(deps, request.acting, id, action, expectedVersion));
  });
}

/** POST /cycles/{id}/open and POST /cycles/{id}/close. */
export const handler = byRoute(statusHandler('open'), statusHandler('close'));
