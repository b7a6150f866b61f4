import type { IncomingMessage, ServerResponse } from 'node:http';
import { PROBLEMS, type ProblemCode } from '@inovda/kernel';
import type { LocalRouteHandler } from '../apigateway/http-api';
import type { DevUser } from '../cognito/dev-users';
import type { JwtIssuer, TokenUse } from '../cognito/jwt-issuer';
import type { LocalEventBus } from '../eventbridge/bus';
import { EventBridgeError } from '../eventbridge/eventbridge-error';
import type { LocalReplays } from '../eventbridge/local-replays';
import type { LocalFaults } from '../faults/switchboard';
import { FAULT_SWITCHES, InvalidFaultSettingsError, isFaultName } from '../faults/switches';
import { readBody, sendJson } from '../http-io';
import { type Scheduler, UnknownScheduleError } from '../scheduler/scheduled-rules';
import type { LocalQueues } from './consumer-queues';

/** What the local-only routes read from the platform. */
export interface LocalRoutesOptions {
  readonly users: readonly DevUser[];
  readonly issuer: JwtIssuer;
  readonly bus: LocalEventBus;
  /** `/local/archive` and `/local/replays`: the bus's archive and its replays. */
  readonly replays: LocalReplays;
  /** `/local/queues`: the consumer queues and their DLQs. */
  readonly queues: LocalQueues;
  readonly scheduler: Scheduler;
  /** `/local/faults`: the fault switchboard. */
  readonly faults: LocalFaults;
  /** `GET /health`: the report, and whether every part is up. */
  readonly health: () => Promise<{ healthy: boolean; report: unknown }>;
  /** `GET /openapi.json`: the API's OpenAPI document; without it that path is a 404. */
  readonly openApi?: () => unknown;
}

/** Paths the local-only routes answer, before the API's own routes (which they would shadow). */
export function isLocalOnlyPath(path: string): boolean {
  return path === '/health' || path === '/openapi.json' || path.startsWith('/local/');
}

const MAX_TOKEN_REQUEST_BYTES = 16 * 1024;

/** An RFC 9457 problem in the shape the services answer with (type URI, stable code, Indonesian title). */
function problem(
  response: ServerResponse,
  status: number,
  code: string,
  title: string,
  detail: string,
  requestId: string,
) {
  sendJson(
    response,
    status,
    { type: `https://inovda.id/problems/${code}`, code, title, status, detail },
    { 'content-type': 'application/problem+json', 'apigw-requestid': requestId },
  );
}

const MAX_FAULT_REQUEST_BYTES = 16 * 1024;

/** The JSON body of a fault request (empty: no settings), or `invalid`. */
async function faultSettings(request: IncomingMessage): Promise<unknown> {
  const body = await readBody(request, MAX_FAULT_REQUEST_BYTES);
  if (body === 'too-large') return 'invalid';
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return 'invalid';
  }
}

/** The body of `POST /local/replays`: `{name?, from?, to?, rules?}` (all optional), or `invalid`. */
async function replayRequest(request: IncomingMessage): Promise<Parameters<LocalReplays['start']>[0] | 'invalid'> {
  const body = await readBody(request, MAX_FAULT_REQUEST_BYTES);
  if (body === 'too-large') return 'invalid';
  if (body.length === 0) return {};
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return 'invalid';
    const { name, from, to, rules } = parsed as Record<string, unknown>;
    const optionalText = (value: unknown) => value === undefined || typeof value === 'string';
    if (!optionalText(name) || !optionalText(from) || !optionalText(to)) return 'invalid';
    if (rules !== undefined && (!Array.isArray(rules) || !rules.every((rule) => typeof rule === 'string'))) {
      return 'invalid';
    }
    return {
      ...(name === undefined ? {} : { name: name as string }),
      ...(from === undefined ? {} : { from: from as string }),
      ...(to === undefined ? {} : { to: to as string }),
      ...(rules === undefined ? {} : { rules: rules as string[] }),
    };
  } catch {
    return 'invalid';
  }
}

/** The problem a refused replay answers with: what does not exist, a name in use, too many at once, or invalid. */
const REPLAY_PROBLEMS: Readonly<Record<string, ProblemCode>> = {
  ResourceNotFoundException: 'not-found',
  ResourceAlreadyExistsException: 'invalid-state',
  LimitExceededException: 'too-many-requests',
};

/** What `POST /local/token` asks for: `{"username": "...", "tokenUse": "id" | "access"}` (an ID token by default). */
interface TokenRequest {
  readonly username: string;
  readonly tokenUse: TokenUse;
}

async function tokenRequest(request: IncomingMessage): Promise<TokenRequest | undefined> {
  const body = await readBody(request, MAX_TOKEN_REQUEST_BYTES);
  if (body === 'too-large') return undefined;
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const { username, tokenUse = 'id' } = parsed as Record<string, unknown>;
    if (typeof username !== 'string' || (tokenUse !== 'id' && tokenUse !== 'access')) return undefined;
    return { username, tokenUse };
  } catch {
    // Falls through to the 400 below.
  }
  return undefined;
}

/**
 * Routes that exist only locally, beside the API: dev users and tokens (`/local/users`, `POST /local/token`), the
 * issuer's JWKS and discovery document, dead letters, schedules run on demand, the bus's archive and replays
 * (`/local/archive`, `/local/replays`), `/health` and the API's OpenAPI document (`/openapi.json`), and the fault
 * switchboard (`/local/faults`). No token needed: they stand in for
 * Cognito's hosted login and the AWS console.
 */
export function localRoutes(options: LocalRoutesOptions): LocalRouteHandler {
  // The OpenAPI document is generated on the first request that asks for it, then served as it is: the route
  // contracts do not change while the platform runs.
  let openApiDocument: unknown;
  return async (request, response, url, requestId) => {
    const path = url.pathname;
    if (!isLocalOnlyPath(path)) return false;
    const json = (status: number, body: unknown) => sendJson(response, status, body, { 'apigw-requestid': requestId });
    const method = request.method ?? 'GET';

    if (method === 'GET' && path === '/health') {
      const { healthy, report } = await options.health();
      json(healthy ? 200 : 503, report);
    } else if (method === 'GET' && path === '/openapi.json' && options.openApi) {
      openApiDocument ??= options.openApi();
      json(200, openApiDocument);
    } else if (method === 'GET' && path === '/local/users') {
      json(
        200,
        options.users.map((user) => ({
          username: user.username,
          name: user.name,
          roles: user.roles,
          ...(user.opdId ? { opdId: user.opdId } : {}),
        })),
      );
    } else if (method === 'POST' && path === '/local/token') {
      const asked = await tokenRequest(request);
      if (asked === undefined) {
        problem(
          response,
          400,
          'malformed-body',
          'Isi permintaan tidak dapat dibaca',
          'Send {"username": "..."} (and "tokenUse": "access" for an access token, which the API refuses).',
          requestId,
        );
        return true;
      }
      const { username, tokenUse } = asked;
      const user = options.users.find((candidate) => candidate.username === username);
      if (!user) {
        problem(
          response,
          404,
          'not-found',
          'Data tidak ditemukan',
          `No dev user named ${username}; GET /local/users lists them.`,
          requestId,
        );
        return true;
      }
      json(200, { token: await options.issuer.issue(user, new Date(), tokenUse) });
    } else if (method === 'GET' && path === '/local/.well-known/jwks.json') {
      json(200, options.issuer.jwks);
    } else if (method === 'GET' && path === '/local/.well-known/openid-configuration') {
      json(200, {
        issuer: options.issuer.issuer,
        jwks_uri: `${options.issuer.issuer}/.well-known/jwks.json`,
        id_token_signing_alg_values_supported: ['RS256'],
        subject_types_supported: ['public'],
        response_types_supported: ['id_token'],
      });
    } else if (method === 'GET' && path === '/local/dead-letters') {
      json(200, options.bus.deadLetters());
    } else if (method === 'GET' && path === '/local/queues') {
      json(200, options.queues.list());
    } else if (/^\/local\/queues\/[^/]+$/.test(path) && method === 'GET') {
      const name = decodeURIComponent(path.split('/')[3] ?? '');
      const messages = options.queues.peek(name);
      if (!messages) {
        problem(
          response,
          404,
          'not-found',
          'Data tidak ditemukan',
          `No queue named ${name}; GET /local/queues lists them.`,
          requestId,
        );
        return true;
      }
      // The body shown parsed when it is JSON (the EventBridge events rules put there), as is otherwise.
      const parsed = (body: string): unknown => {
        try {
          return JSON.parse(body);
        } catch {
          return body;
        }
      };
      json(200, {
        name,
        messages: messages.map((message) => ({ ...message, body: parsed(message.body) })),
      });
    } else if (/^\/local\/queues\/[^/]+\/redrive$/.test(path) && method === 'POST') {
      request.resume();
      const name = decodeURIComponent(path.split('/')[3] ?? '');
      const moved = options.queues.redrive(name);
      if (moved === undefined) {
        problem(
          response,
          404,
          'not-found',
          'Data tidak ditemukan',
          `No dead-letter queue named ${name}; GET /local/queues lists them (…-dlq).`,
          requestId,
        );
        return true;
      }
      json(200, { name, moved });
    } else if (method === 'GET' && path === '/local/archive') {
      json(200, options.replays.archive());
    } else if (method === 'GET' && path === '/local/replays') {
      json(200, options.replays.list());
    } else if (method === 'POST' && path === '/local/replays') {
      const asked = await replayRequest(request);
      if (asked === 'invalid') {
        problem(
          response,
          400,
          'malformed-body',
          'Isi permintaan tidak dapat dibaca',
          'Send {"name"?, "from"?, "to"?, "rules"?}: text, ISO times, a list of rule names or ARNs.',
          requestId,
        );
        return true;
      }
      try {
        // Accepted: the replay runs on; GET /local/replays/{name} follows it.
        json(202, options.replays.start(asked));
      } catch (error) {
        if (!(error instanceof EventBridgeError)) throw error;
        const code = REPLAY_PROBLEMS[error.type] ?? 'validation-failed';
        problem(
          response,
          PROBLEMS[code].status,
          code,
          PROBLEMS[code].title,
          `${error.type}: ${error.message}`,
          requestId,
        );
      }
    } else if (method === 'GET' && /^\/local\/replays\/[^/]+$/.test(path)) {
      const name = decodeURIComponent(path.split('/')[3] ?? '');
      try {
        json(200, options.replays.describe(name));
      } catch (error) {
        if (!(error instanceof EventBridgeError)) throw error;
        problem(
          response,
          404,
          'not-found',
          'Data tidak ditemukan',
          `No replay named ${name}; GET /local/replays lists them.`,
          requestId,
        );
      }
    } else if (method === 'GET' && path === '/local/schedules') {
      json(200, options.scheduler.list());
    } else if (method === 'POST' && /^\/local\/schedules\/[^/]+\/run$/.test(path)) {
      request.resume();
      const name = decodeURIComponent(path.split('/')[3] ?? '');
      try {
        const { eventId } = options.scheduler.run(name);
        // Scheduled rules invoke asynchronously: accepted now, the outcome shows in logs or dead letters.
        json(202, { eventId, schedule: name });
      } catch (error) {
        if (!(error instanceof UnknownScheduleError)) throw error;
        problem(
          response,
          404,
          'not-found',
          'Data tidak ditemukan',
          `${error.message}; GET /local/schedules lists them.`,
          requestId,
        );
      }
    } else if (path === '/local/faults' && (method === 'GET' || method === 'DELETE')) {
      request.resume();
      if (method === 'DELETE') await options.faults.clear();
      json(200, options.faults.list());
    } else if (/^\/local\/faults\/[^/]+$/.test(path) && (method === 'PUT' || method === 'DELETE')) {
      const name = decodeURIComponent(path.split('/')[3] ?? '');
      if (!isFaultName(name)) {
        request.resume();
        problem(
          response,
          404,
          'not-found',
          'Data tidak ditemukan',
          `No fault named ${name}; GET /local/faults lists them.`,
          requestId,
        );
        return true;
      }
      if (method === 'DELETE') {
        request.resume();
        await options.faults.clear(name);
      } else {
        try {
          const settings = await faultSettings(request);
          if (settings === 'invalid') throw new InvalidFaultSettingsError('the body must be JSON settings');
          await options.faults.set(name, FAULT_SWITCHES[name].parse(settings) as never);
        } catch (error) {
          if (!(error instanceof InvalidFaultSettingsError)) throw error;
          problem(response, 400, 'malformed-body', 'Isi permintaan tidak dapat dibaca', error.message, requestId);
          return true;
        }
      }
      json(
        200,
        options.faults.list().find((fault) => fault.name === name),
      );
    } else {
      request.resume();
      json(404, { message: 'Not Found' });
    }
    return true;
  };
}
