import type * as z from 'zod/mini';
import { registry, toJSONSchema } from 'zod/v4/core';
import { actorRefSchema } from './actor-ref';
import { notificationsApi, webhooksApi } from './notifications/routes';
import { fieldErrorSchema, problemSchema } from './problem';
import type { ProblemStatus, ResponseHeader, RouteContract } from './route';
import { scoringApi } from './scoring/routes';
import {
  historyEntrySchema,
  historyPageSchema,
  innovationPageSchema,
  innovationSchema,
} from './submissions/innovation';
import { createInnovationInput, updateInnovationInput } from './submissions/innovation-input';
import { registerBody, withdrawBody } from './submissions/requests';
import { submissionsApi } from './submissions/routes';
import {
  boardSchema,
  commitmentSchema,
  reviewQueueEntrySchema,
  reviewQueuePageSchema,
  stageEntrySchema,
} from './workflow/board';
import { cyclePageSchema, cycleSchema } from './workflow/cycle';
import { commitmentInput, createCycleInput, updateCycleInput } from './workflow/cycle-input';
import { monevReportPageSchema, monevReportSchema } from './workflow/monev';
import { monevInput } from './workflow/monev-input';
import { workflowApi } from './workflow/routes';
import {
  advanceRequestSchema,
  gateStatusSchema,
  pendingRequestSchema,
  reviewResultSchema,
  trackHistoryEntrySchema,
  trackHistoryPageSchema,
  trackSchema,
} from './workflow/track';
import { maturityInput, noteInput, returnInput } from './workflow/track-input';

/** A JSON Schema or OpenAPI object, as generated. */
type Json = Record<string, unknown>;

/** Every API of the platform by service: the OpenAPI tags, in this order. */
export const PLATFORM_APIS = {
  submissions: submissionsApi,
  workflow: workflowApi,
  scoring: scoringApi,
  notifications: { ...notificationsApi, ...webhooksApi },
} as const;

/** Every route contract of the platform, with its operation id (its name in its service's API). */
export function platformRoutes(): Array<{ operationId: string; route: RouteContract }> {
  return Object.values(PLATFORM_APIS).flatMap((api) =>
    Object.entries(api).map(([operationId, route]) => ({ operationId, route: route as RouteContract })),
  );
}

/** The contract of a route (by method and path), or undefined when no API documents it. */
export function contractOf(route: { readonly method: string; readonly path: string }): RouteContract | undefined {
  return platformRoutes().find(
    (candidate) => candidate.route.method === route.method && candidate.route.path === route.path,
  )?.route;
}

/** Response bodies by component name (JSON Schema of what the API sends: `io: 'output'`). */
const RESPONSE_SCHEMAS: Readonly<Record<string, z.ZodMiniType>> = {
  Problem: problemSchema,
  FieldError: fieldErrorSchema,
  ActorRef: actorRefSchema,
  Innovation: innovationSchema,
  InnovationPage: innovationPageSchema,
  HistoryEntry: historyEntrySchema,
  HistoryPage: historyPageSchema,
  Cycle: cycleSchema,
  CyclePage: cyclePageSchema,
  Commitment: commitmentSchema,
  Board: boardSchema,
  StageEntry: stageEntrySchema,
  ReviewQueueEntry: reviewQueueEntrySchema,
  ReviewQueuePage: reviewQueuePageSchema,
  PendingRequest: pendingRequestSchema,
  AdvanceRequest: advanceRequestSchema,
  Track: trackSchema,
  GateStatus: gateStatusSchema,
  TrackHistoryEntry: trackHistoryEntrySchema,
  TrackHistoryPage: trackHistoryPageSchema,
  ReviewResult: reviewResultSchema,
  MonevReport: monevReportSchema,
  MonevReportPage: monevReportPageSchema,
};

/** Request bodies by component name (JSON Schema of what the API accepts: `io: 'input'`). */
const REQUEST_SCHEMAS: Readonly<Record<string, z.ZodMiniType>> = {
  CreateInnovationInput: createInnovationInput,
  UpdateInnovationInput: updateInnovationInput,
  RegisterInnovationInput: registerBody,
  WithdrawInnovationInput: withdrawBody,
  CreateCycleInput: createCycleInput,
  UpdateCycleInput: updateCycleInput,
  CommitmentInput: commitmentInput,
  NoteInput: noteInput,
  ReturnInput: returnInput,
  MaturityInput: maturityInput,
  MonevInput: monevInput,
};

const COMPONENT_PREFIX = '#/components/schemas/';

/** Options every conversion shares: what zod cannot express in JSON Schema (a transform's function) is `{}`. */
const BASE = { target: 'draft-2020-12', unrepresentable: 'any' } as const;

/** A generated schema without the members that belong to a standalone document, not to an OpenAPI component. */
function embedded(schema: Json): Json {
  const { $schema: _schema, $id: _id, ...rest } = schema;
  return rest;
}

/** The JSON Schemas of named zod schemas, in one mode; a named schema nested in another becomes a `$ref`. */
function components(named: Readonly<Record<string, z.ZodMiniType>>, io: 'input' | 'output'): Record<string, Json> {
  const names = registry<{ id: string }>();
  for (const [id, schema] of Object.entries(named)) names.add(schema, { id });
  const generated = toJSONSchema(names, { ...BASE, io, uri: (id) => `${COMPONENT_PREFIX}${id}` });
  return Object.fromEntries(Object.entries(generated.schemas).map(([id, schema]) => [id, embedded(schema as Json)]));
}

/** A `$ref` to the named component of `schema`, or the schema inline when it has no name. */
function schemaRef(
  schema: z.ZodMiniType,
  named: Readonly<Record<string, z.ZodMiniType>>,
  io: 'input' | 'output',
): Json {
  const name = Object.entries(named).find(([, candidate]) => candidate === schema)?.[0];
  if (name) return { $ref: `${COMPONENT_PREFIX}${name}` };
  return embedded(toJSONSchema(schema, { ...BASE, io }) as Json);
}

/** Path or query parameters from an object schema: one parameter per property, required as the schema says. */
function parameters(schema: z.ZodMiniObject | undefined, location: 'path' | 'query'): Json[] {
  if (!schema) return [];
  const json = toJSONSchema(schema, { ...BASE, io: 'input' }) as {
    properties?: Record<string, Json>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || (json.required ?? []).includes(name),
    schema: property,
  }));
}

function headerParameters(route: RouteContract): Json[] {
  const found: Json[] = [];
  if (route.headers?.ifMatch) {
    found.push({
      name: 'If-Match',
      in: 'header',
      required: route.headers.ifMatch === 'required',
      description: 'The version the caller holds (the ETag it read). A stale version is a 412.',
      schema: { type: 'string', pattern: '^\\s*(W/)?"?\\d{1,9}"?\\s*$' },
    });
  }
  if (route.headers?.idempotencyKey) {
    found.push({
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      description: 'Makes retries safe: the same key with the same body creates one resource.',
      schema: embedded(toJSONSchema(route.headers.idempotencyKey, { ...BASE, io: 'input' }) as Json),
    });
  }
  return found;
}

const HEADERS: Readonly<Record<ResponseHeader, { name: string; description: string }>> = {
  etag: { name: 'ETag', description: 'The version, quoted; send it back in `If-Match`.' },
  location: { name: 'Location', description: 'Where the created resource is.' },
  'idempotent-replayed': { name: 'Idempotent-Replayed', description: '`true`: the answer of an earlier request.' },
};

/** What each problem status means on this API (the problem's `code` says which case it is). */
const PROBLEM_MEANINGS: Readonly<Record<ProblemStatus, string>> = {
  400: 'The request cannot be read or is not valid (`malformed-body`, `validation-failed`, `invalid-query`, `invalid-cursor`).',
  401: 'No token, an invalid one, or one that is not a Cognito ID token (`unauthenticated`).',
  403: 'The caller may not do this (`forbidden`), or decides on their own OPD (`conflict-of-interest`).',
  404: 'Nothing the caller may see there (`not-found`).',
  409: 'The state does not allow it, or a concurrent change won (`invalid-state`, `cycle-closed`, `no-open-cycle`, `concurrent-change`).',
  412: 'The version in `If-Match` is not the current one (`version-mismatch`; the ETag is the current version).',
  413: 'The body is too large (`payload-too-large`).',
  415: 'The body is neither JSON nor an HTML form (`unsupported-media-type`).',
  422: 'Understood but refused (`idempotency-key-reused`, `unknown-cycle`, `profile-too-large`, `gate-not-met`, `incomplete-submission`, `unknown-evaluator`).',
  428: '`If-Match` is required (`precondition-required`).',
  429: 'The caller sent too many requests (`too-many-requests`); `Retry-After` says when to try again.',
  500: 'A failure of ours (`internal`).',
  503: 'The database is throttling the service even after its retries (`service-busy`); `Retry-After` says when to try again.',
};

function operation(operationId: string, route: RouteContract): Json {
  const responses: Record<string, Json> = {};
  for (const [status, response] of Object.entries(route.responses)) {
    if (!response) continue;
    responses[status] = {
      description: response.description,
      ...(response.headers && response.headers.length > 0
        ? {
            headers: Object.fromEntries(
              response.headers.map((header) => [
                HEADERS[header].name,
                { description: HEADERS[header].description, required: true, schema: { type: 'string' } },
              ]),
            ),
          }
        : {}),
      content: {
        [response.contentType ?? 'application/json']: { schema: schemaRef(response.body, RESPONSE_SCHEMAS, 'output') },
      },
    };
  }
  for (const status of route.problems) {
    responses[String(status)] = {
      description: PROBLEM_MEANINGS[status],
      content: { 'application/problem+json': { schema: { $ref: `${COMPONENT_PREFIX}Problem` } } },
    };
  }
  const body = route.body;
  return {
    operationId,
    tags: [route.service],
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    'x-roles': [...route.roles],
    // A public read asks for no token: an empty requirement overrides the document's Cognito one.
    ...(route.public ? { security: [] } : {}),
    parameters: [...parameters(route.params, 'path'), ...parameters(route.query, 'query'), ...headerParameters(route)],
    ...(body
      ? {
          requestBody: {
            required: body.required,
            content: Object.fromEntries(
              ['application/json', 'application/x-www-form-urlencoded'].map((type) => [
                type,
                { schema: schemaRef(body.schema, REQUEST_SCHEMAS, 'input') },
              ]),
            ),
          },
        }
      : {}),
    responses,
  };
}

// Developer documentation, not product text: English, like the rest of the API reference.
const API_NAME = 'inovda API';
const API_VERSION = '0.1.0';

/**
 * The OpenAPI 3.1 document of every route of the platform: JSON Schema 2020-12 made from the very zod schemas the
 * handlers parse with (request bodies as accepted, responses as sent), roles as `x-roles`, a Cognito ID token as
 * the bearer JWT, one tag per service.
 */
export function platformOpenApi(): Json {
  const requestComponents = components(REQUEST_SCHEMAS, 'input');
  const responseComponents = components(RESPONSE_SCHEMAS, 'output');
  const paths: Record<string, Record<string, Json>> = {};
  for (const { operationId, route } of platformRoutes()) {
    const item = paths[route.path] ?? {};
    item[route.method.toLowerCase()] = operation(operationId, route);
    paths[route.path] = item;
  }
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: API_NAME,
      version: API_VERSION,
      description:
        'The HTTP API of inovda, a regional government innovation programme. Every failure is an RFC 9457 problem with a stable `code` and an Indonesian `title`.',
    },
    tags: Object.keys(PLATFORM_APIS).map((name) => ({ name })),
    security: [{ cognito: [] }],
    paths,
    components: {
      securitySchemes: {
        cognito: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: "The Cognito ID token of the caller; its groups are the caller's roles.",
        },
      },
      schemas: { ...responseComponents, ...requestComponents },
    },
  };
}
