import { createInnovationInput, idempotencyKeyHeader } from '@inovda/contracts';
import { parseOrProblem } from '@inovda/kernel';
import { httpHandler, versioned } from '@inovda/lambda-kit';
import { createDepsFromEnv } from '../deps';
import * as routes from '../routes';
import { createInnovation } from '../use-cases/innovations';

const deps = createDepsFromEnv();

/** POST /innovations: create a draft; `Idempotency-Key` makes retries safe. */
export const handler = httpHandler(routes.createInnovation, { body: 'required' }, async (request) => {
  const input = parseOrProblem(createInnovationInput, request.body);
  const rawKey = request.headers['idempotency-key'];
  const key = rawKey === undefined ? undefined : parseOrProblem(idempotencyKeyHeader, rawKey);
  const { innovation, replayed } = await createInnovation(deps, request.acting, input, key);
  return versioned(innovation, replayed ? 200 : 201, {
    location: `/innovations/${innovation.id}`,
    ...(replayed ? { 'idempotent-replayed': 'true' } : {}),
  });
});
