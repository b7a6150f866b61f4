import {
  createWebhookInput,
  deliveryParams,
  idempotencyKeyHeader,
  opdParams,
  pageQuery,
  updateWebhookInput,
  webhookParams,
} from '@inovda/contracts';
import { parseIfMatch, parseOrProblem, parsePathParameter } from '@inovda/kernel';
import { byRoute, httpHandler, json, versioned } from '@inovda/lambda-kit';
import { webhookDepsFromEnv } from '../deps';
import * as routes from '../routes';
import {
  createWebhook,
  deleteWebhook,
  deliveryView,
  getWebhook,
  listDeliveries,
  listWebhooks,
  replayDelivery,
  rotateWebhookSecret,
  updateWebhook,
  webhookView,
} from '../use-cases/webhooks';

const deps = webhookDepsFromEnv();

const opdOf = (value: string | undefined) => parsePathParameter(opdParams.shape.opdId, value);
const webhookOf = (value: string | undefined) => parsePathParameter(webhookParams.shape.webhookId, value);
const deliveryOf = (value: string | undefined) => parsePathParameter(deliveryParams.shape.deliveryId, value);

const list = httpHandler(routes.listWebhooks, { body: 'none' }, async (request) =>
  json(200, {
    items: (await listWebhooks(deps, request.acting, opdOf(request.pathParameters.opdId))).map(webhookView),
  }),
);

const create = httpHandler(routes.createWebhook, { body: 'required' }, async (request) => {
  const opdId = opdOf(request.pathParameters.opdId);
  const input = parseOrProblem(createWebhookInput, request.body);
  const rawKey = request.headers['idempotency-key'];
  const key = rawKey === undefined ? undefined : parseOrProblem(idempotencyKeyHeader, rawKey);
  const { endpoint, secret, replayed } = await createWebhook(deps, request.acting, opdId, input, key);
  return json(
    replayed ? 200 : 201,
    { webhook: webhookView(endpoint), secret },
    {
      etag: `"${endpoint.version}"`,
      location: `/opds/${opdId}/webhooks/${endpoint.id}`,
      ...(replayed ? { 'idempotent-replayed': 'true' } : {}),
    },
  );
});

const get = httpHandler(routes.getWebhook, { body: 'none' }, async (request) => {
  const { opdId, webhookId } = request.pathParameters;
  return versioned(webhookView(await getWebhook(deps, request.acting, opdOf(opdId), webhookOf(webhookId))));
});

const update = httpHandler(routes.updateWebhook, { body: 'required' }, async (request) => {
  const { opdId, webhookId } = request.pathParameters;
  const input = parseOrProblem(updateWebhookInput, request.body);
  const expectedVersion = parseIfMatch(request.headers['if-match'], false);
  return versioned(
    webhookView(await updateWebhook(deps, request.acting, opdOf(opdId), webhookOf(webhookId), input, expectedVersion)),
  );
});

const remove = httpHandler(routes.deleteWebhook, { body: 'none' }, async (request) => {
  const { opdId, webhookId } = request.pathParameters;
  return versioned(webhookView(await deleteWebhook(deps, request.acting, opdOf(opdId), webhookOf(webhookId))));
});

const rotate = httpHandler(routes.rotateWebhookSecret, { body: 'none' }, async (request) => {
  const { opdId, webhookId } = request.pathParameters;
  const rotated = await rotateWebhookSecret(deps, request.acting, opdOf(opdId), webhookOf(webhookId));
  return json(200, {
    webhook: webhookView(rotated.endpoint),
    secret: rotated.secret,
    previousSecretValidUntil: rotated.previousSecretValidUntil,
  });
});

const deliveries = httpHandler(routes.listDeliveries, { body: 'none' }, async (request) => {
  const { opdId, webhookId } = request.pathParameters;
  const query = parseOrProblem(pageQuery, request.query, 'invalid-query');
  const page = await listDeliveries(deps, request.acting, opdOf(opdId), webhookOf(webhookId), query);
  return json(200, { items: page.items.map(deliveryView), nextCursor: page.nextCursor });
});

const replay = httpHandler(routes.replayDelivery, { body: 'none' }, async (request) => {
  const { opdId, webhookId, deliveryId } = request.pathParameters;
  const replayed = await replayDelivery(
    deps,
    request.acting,
    opdOf(opdId),
    webhookOf(webhookId),
    deliveryOf(deliveryId),
  );
  return json(200, deliveryView(replayed));
});

/** An OPD's webhook endpoints (`/opds/{opdId}/webhooks…`): its own users' and admins' only. */
export const handler = byRoute(list, create, get, update, remove, rotate, deliveries, replay);
