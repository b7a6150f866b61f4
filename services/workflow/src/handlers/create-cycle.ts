import { createCycleInput, idempotencyKeyHeader } from '@inovda/contracts';
import { parseOrProblem } from '@inovda/kernel';
import { httpHandler, versioned } from '@inovda/lambda-kit';
import { depsFromEnv } from '../deps';
import * as routes from '../routes';
import { createCycle } from '../use-cases/cycles';

const deps = depsFromEnv();

/** POST /cycles: plan a programme cycle; `Idempotency-Key` makes retries safe. */
export const handler = httpHandler(routes.createCycle, { body: 'required' }, async (request) => {
  const input = parseOrProblem(createCycleInput, request.body);
  const rawKey = request.headers['idempotency-key'];
  const key = rawKey === undefined ? undefined : parseOrProblem(idempotencyKeyHeader, rawKey);
  const { cycle, replayed } = await createCycle(deps, request.acting, input, key);
  return versioned(cycle, replayed ? 200 : 201, {
    location: `/cycles/${cycle.id}`,
    ...(replayed ? { 'idempotent-replayed': 'true' } : {}),
  });
});
