import { randomUUID } from 'node:crypto';
import { CycleClosed, CycleOpened, STAGES } from '@inovda/contracts';
import { claimsFor, httpEvent, lambdaContext, type TestResponse } from '@inovda/lambda-kit/testing';
import { startTestTable } from '@inovda/local/testing';
import { ulid } from 'ulid';
import { submissionsManifest } from '../src/manifest';

const STAGE_WINDOWS = Object.fromEntries(
  STAGES.map((stage, index) => [stage, { start: `2027-0${index + 1}-01`, due: `2027-0${index + 1}-28` }]),
) as Record<(typeof STAGES)[number], { start: string; due: string }>;

/** Dev callers used across the submissions tests (claims as HTTP API passes them). */
export const callers = {
  dinkes: claimsFor({ sub: 'sub-dinkes', username: 'opd.dinkes', roles: ['opd'], opdId: 'dinkes' }),
  capil: claimsFor({ sub: 'sub-capil', username: 'opd.disdukcapil', roles: ['opd'], opdId: 'disdukcapil' }),
  coordinator: claimsFor({ sub: 'sub-koor', username: 'koordinator', roles: ['coordinator'], opdId: 'balitbang' }),
  evaluator: claimsFor({ sub: 'sub-penilai', username: 'penilai', roles: ['evaluator'] }),
  admin: claimsFor({ sub: 'sub-admin', username: 'admin', roles: ['admin'] }),
};

export type Who = keyof typeof callers;

type Handler = (event: ReturnType<typeof httpEvent>, context: ReturnType<typeof lambdaContext>) => Promise<unknown>;

/** A handler's response as the tests read it. */
export type Response = TestResponse;

/**
 * Runs the submissions handlers in-process against a fresh table in the DynamoDB Local the global setup
 * started. The environment is set exactly as the stack sets it, before the handlers load (they read it at cold
 * start); vitest runs each test file in its own process, so files do not share it.
 */
export async function startHarness() {
  const table = await startTestTable(submissionsManifest);
  const { tableName } = table;
  const handlers = {
    create: (await import('../src/handlers/create-innovation')).handler as Handler,
    list: (await import('../src/handlers/list-innovations')).handler as Handler,
    get: (await import('../src/handlers/get-innovation')).handler as Handler,
    update: (await import('../src/handlers/update-innovation')).handler as Handler,
    status: (await import('../src/handlers/change-innovation-status')).handler as Handler,
    versions: (await import('../src/handlers/list-innovation-versions')).handler as Handler,
  };
  const cycleProjection = (await import('../src/handlers/cycle-projection')).handler as unknown as (
    event: unknown,
    context: ReturnType<typeof lambdaContext>,
  ) => Promise<void>;

  /** Delivers a workflow cycle event to the projection consumer, as EventBridge would (and may, twice). */
  async function deliverCycleEvent(kind: 'CycleOpened' | 'CycleClosed', cycleId: string, eventId = ulid()) {
    const context = {
      eventId,
      occurredAt: new Date().toISOString(),
      regionId: 'kota-solok',
      correlationId: 'test',
      actor: { sub: 'sub-koor', username: 'koordinator', role: 'coordinator' as const },
    };
    const base = { cycleId, name: `Program Inovasi ${cycleId}`, year: 2027 };
    const event =
      kind === 'CycleOpened'
        ? CycleOpened.create({ ...base, openedAt: context.occurredAt, stageWindows: STAGE_WINDOWS }, context)
        : CycleClosed.create({ ...base, closedAt: context.occurredAt }, context);
    await cycleProjection(
      {
        version: '0',
        id: randomUUID(),
        'detail-type': event.detailType,
        source: event.source,
        account: '000000000000',
        time: context.occurredAt,
        region: 'ap-southeast-3',
        resources: [],
        detail: event.detail,
      },
      lambdaContext('cycle-projection'),
    );
    return eventId;
  }

  async function call(
    handler: keyof typeof handlers,
    who: Who | null,
    request: Omit<Parameters<typeof httpEvent>[0], 'claims'>,
  ): Promise<Response> {
    const raw = (await handlers[handler](
      httpEvent({ ...request, claims: who === null ? null : callers[who] }),
      lambdaContext(handler),
    )) as { statusCode: number; headers?: Record<string, string>; body?: string };
    const contentType = raw.headers?.['content-type'] ?? '';
    return {
      status: raw.statusCode,
      headers: raw.headers ?? {},
      body: raw.body && contentType.includes('json') ? JSON.parse(raw.body) : {},
    };
  }

  const json = { 'content-type': 'application/json' };

  return {
    tableName,
    call,
    deliverCycleEvent,
    /** Creates an innovation as `who` and returns the response. */
    create: (who: Who, body: unknown, headers: Record<string, string> = {}) =>
      call('create', who, {
        method: 'POST',
        path: '/innovations',
        headers: { ...json, ...headers },
        body: JSON.stringify(body),
      }),
    get: (who: Who, id: string) =>
      call('get', who, {
        method: 'GET',
        path: `/innovations/${id}`,
        routePath: '/innovations/{id}',
        pathParameters: { id },
      }),
    update: (who: Who, id: string, body: unknown, headers: Record<string, string> = {}) =>
      call('update', who, {
        method: 'PATCH',
        path: `/innovations/${id}`,
        routePath: '/innovations/{id}',
        pathParameters: { id },
        headers: { ...json, ...headers },
        body: JSON.stringify(body),
      }),
    act: (
      who: Who,
      id: string,
      action: 'register' | 'withdraw',
      body?: unknown,
      headers: Record<string, string> = {},
    ) =>
      call('status', who, {
        method: 'POST',
        path: `/innovations/${id}/${action}`,
        routePath: `/innovations/{id}/${action}`,
        pathParameters: { id },
        headers: body === undefined ? headers : { ...json, ...headers },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    list: (who: Who, query: Record<string, string> = {}) =>
      call('list', who, { method: 'GET', path: '/innovations', query }),
    versions: (who: Who, id: string, query: Record<string, string> = {}) =>
      call('versions', who, {
        method: 'GET',
        path: `/innovations/${id}/versions`,
        routePath: '/innovations/{id}/versions',
        pathParameters: { id },
        query,
      }),
    /** Every item in the table: test-only (request paths never scan). */
    items: table.items,
    stop: table.stop,
  };
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;
