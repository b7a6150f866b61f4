import { notificationParams, pageQuery } from '@inovda/contracts';
import { parseOrProblem, parsePathParameter } from '@inovda/kernel';
import { byRoute, httpHandler, json } from '@inovda/lambda-kit';
import { depsFromEnv } from '../deps';
import * as routes from '../routes';
import { rememberCaller } from '../use-cases/directory';
import { listInbox, markAllRead, markRead } from '../use-cases/inbox';

const deps = depsFromEnv();

const list = httpHandler(routes.listNotifications, { body: 'none' }, async (request) => {
  // Opening the inbox is the sign-in the directory learns users from.
  await rememberCaller(deps, request.acting.caller);
  const page = await listInbox(deps, request.acting, parseOrProblem(pageQuery, request.query, 'invalid-query'));
  return json(200, page);
});

const one = httpHandler(routes.markRead, { body: 'none' }, async (request) => {
  const id = parsePathParameter(notificationParams.shape.id, request.pathParameters.id);
  return json(200, await markRead(deps, request.acting, id));
});

const all = httpHandler(routes.markAllRead, { body: 'none' }, async (request) =>
  json(200, await markAllRead(deps, request.acting)),
);

/** GET /notifications, POST /notifications/{id}/read, POST /notifications/read-all: the caller's own inbox. */
export const handler = byRoute(list, one, all);
