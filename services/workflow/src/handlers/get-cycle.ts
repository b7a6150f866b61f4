import { httpHandler, versioned } from '@inovda/lambda-kit';
import { depsFromEnv } from '../deps';
import { parseId } from '../http/request-schemas';
import * as routes from '../routes';
import { getCycle } from '../use-cases/cycles';

const deps = depsFromEnv();

/** GET /cycles/{id} */
export const handler = httpHandler(routes.getCycle, { body: 'none' }, async (request) =>
  versioned(await getCycle(deps, parseId(request.pathParameters.id))),
);
