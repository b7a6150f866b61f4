import { acting, httpHandler, parseOrProblem } from '@inovda/lambda-kit';
import { createInnovationInput } from '../domain/profile-input';
import { depsFromEnv } from '../http/deps';
import { idempotencyKeyHeader } from '../http/request-schemas';
import { innovationResponse } from '../http/responses';
import { routes } from '../routes';
import { createInnovation } from '../use-cases/innovations';

const deps = depsFromEnv();

/** POST /innovations: create a draft; `Idempotency-Key` makes retries safe. */
export const handler = httpHandler(routes.createInnovation, { body: 'required' }, async (request) => {
  const input = parseOrProblem(createInnovationInput, request.body);
  const rawKey = request.headers['idempotency-key'];
  const key = rawKey === undefined ? undefined : parseOrProblem(idempotencyKeyHeader, rawKey);
  const actor = acting(request.caller, routes.createInnovation.roles, request.correlationId);
  const { innovation, replayed } = await createInnovation(deps, actor, input, key);
  return innovationResponse(innovation, replayed ? 200 : 201, {
    location: `/innovations/${innovation.id}`,
    ...(replayed ? { 'idempotent-replayed': 'true' } : {}),
  });
});
