import { preferencesInput } from '@inovda/contracts';
import { parseIfMatch, parseOrProblem } from '@inovda/kernel';
import { byRoute, httpHandler, versioned } from '@inovda/lambda-kit';
import { depsFromEnv } from '../deps';
import * as routes from '../routes';
import { rememberCaller } from '../use-cases/directory';
import { getPreferences, setPreferences } from '../use-cases/preferences';

const deps = depsFromEnv();

const get = httpHandler(routes.getPreferences, { body: 'none' }, async (request) => {
  await rememberCaller(deps, request.acting.caller);
  return versioned(await getPreferences(deps, request.acting));
});

const set = httpHandler(routes.setPreferences, { body: 'required' }, async (request) => {
  // Read the request first: a refused one writes nothing, not even the caller's directory entry.
  const { categories } = parseOrProblem(preferencesInput, request.body);
  const expectedVersion = parseIfMatch(request.headers['if-match'], false);
  await rememberCaller(deps, request.acting.caller);
  return versioned(await setPreferences(deps, request.acting, categories, expectedVersion));
});

/** GET and PUT /notification-preferences: the caller's own. */
export const handler = byRoute(get, set);
