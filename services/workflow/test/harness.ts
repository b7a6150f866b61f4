import { randomUUID } from 'node:crypto';
import { type EventContext, type EventContract, InnovationDrafted, InnovationRegistered } from '@inovda/contracts';
import { createDocumentClient } from '@inovda/dynamo';
import { claimsFor, httpEvent, lambdaContext, type TestResponse } from '@inovda/lambda-kit/testing';
import { startTestTable } from '@inovda/local/testing';
import { ulid } from 'ulid';
import { DEFAULT_STAGE_GATES } from '../src/domain/gates';
import { workflowManifest } from '../src/manifest';
import { routes } from '../src/routes';
import { BoardStore } from '../src/store/board-store';
import { CycleStore } from '../src/store/cycle-store';
import { TrackStore } from '../src/store/track-store';
import type { BoardDeps, GateDeps } from '../src/use-cases/context';

/** Dev callers used across the workflow tests (claims as HTTP API passes them). */
export const callers = {
  dinkes: claimsFor({ sub: 'sub-dinkes', username: 'opd.dinkes', roles: ['opd'], opdId: 'dinkes' }),
  capil: claimsFor({ sub: 'sub-capil', username: 'opd.disdukcapil', roles: ['opd'], opdId: 'disdukcapil' }),
  balitbang: claimsFor({ sub: 'sub-balitbang', username: 'opd.balitbang', roles: ['opd'], opdId: 'balitbang' }),
  coordinator: claimsFor({ sub: 'sub-koor', username: 'koordinator', roles: ['coordinator'], opdId: 'balitbang' }),
  coordinator2: claimsFor({ sub: 'sub-koor2', username: 'koordinator2', roles: ['coordinator'] }),
  evaluator: claimsFor({ sub: 'sub-penilai', username: 'penilai', roles: ['evaluator'] }),
  admin: claimsFor({ sub: 'sub-admin', username: 'admin', roles: ['admin'] }),
};

export type Who = keyof typeof callers;

type Handler = (event: never, context: ReturnType<typeof lambdaContext>) => Promise<unknown>;

/** A handler's response as the tests read it. */
export type Response = TestResponse;

/** A complete stage plan (dates far ahead, so nothing is overdue unless a test says so). */
export function windows(year = 2099) {
  return {
    'drum-up': { start: `${year}-01-01`, due: `${year}-02-28` },
    diagnose: { start: `${year}-03-01`, due: `${year}-04-30` },
    design: { start: `${year}-05-01`, due: `${year}-06-30` },
    deliver: { start: `${year}-07-01`, due: `${year}-09-30` },
    display: { start: `${year}-10-01`, due: `${year}-11-30` },
  };
}

/** A profile that meets every default gate. */
export const COMPLETE_PROFILE = {
  initiatorKind: 'opd',
  problemStatement: 'Antrean panjang di puskesmas.',
  beneficiaries: 'Warga lanjut usia',
  designNarrative: Array.from({ length: 320 }, (_, i) => `kata${i}`).join(' '),
  goals: 'Mempersingkat antrean',
  benefits: 'Waktu tunggu berkurang',
  milestones: [{ title: 'Uji coba', dueDate: '2099-07-01' }],
  trialStartDate: '2099-07-01',
  implementationStartDate: '2099-08-01',
  evidence: DEFAULT_STAGE_GATES.deliver?.flatMap((rule) =>
    rule.kind === 'evidence'
      ? rule.indicators.map((indicator) => ({ indicator, url: `https://x.id/${indicator}` }))
      : [],
  ),
};

/**
 * Runs the workflow handlers in-process against a fresh table in the DynamoDB Local the global setup started.
 * The environment is set exactly as the stack sets it, before the handlers load (they read it at cold start);
 * vitest runs each test file in its own process, so files do not share it.
 */
export async function startHarness() {
  const table = await startTestTable(workflowManifest);
  const { client, tableName } = table;
  const handlers = {
    createCycle: (await import('../src/handlers/create-cycle')).handler as Handler,
    listCycles: (await import('../src/handlers/list-cycles')).handler as Handler,
    getCycle: (await import('../src/handlers/get-cycle')).handler as Handler,
    updateCycle: (await import('../src/handlers/update-cycle')).handler as Handler,
    cycleStatus: (await import('../src/handlers/change-cycle-status')).handler as Handler,
    commitment: (await import('../src/handlers/set-commitment')).handler as Handler,
    board: (await import('../src/handlers/get-board')).handler as Handler,
    queue: (await import('../src/handlers/list-advance-requests')).handler as Handler,
    track: (await import('../src/handlers/get-track')).handler as Handler,
    requestAdvance: (await import('../src/handlers/request-advance')).handler as Handler,
    review: (await import('../src/handlers/review-advance')).handler as Handler,
    hold: (await import('../src/handlers/hold-track')).handler as Handler,
    maturity: (await import('../src/handlers/record-maturity')).handler as Handler,
    monev: (await import('../src/handlers/report-monev')).handler as Handler,
  };
  const consumer = (await import('../src/handlers/track-events')).handler as Handler;
  const db = createDocumentClient(client);

  async function call(
    handler: keyof typeof handlers,
    who: Who | null,
    request: Omit<Parameters<typeof httpEvent>[0], 'claims'>,
  ): Promise<Response> {
    const raw = (await handlers[handler](
      httpEvent({ ...request, claims: who === null ? null : callers[who] }) as never,
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

  /** A request to `route` with its path parameters filled in. */
  function to(
    handler: keyof typeof handlers,
    route: { method: string; path: string },
    who: Who | null,
    params: Record<string, string>,
    options: { body?: unknown; headers?: Record<string, string>; query?: Record<string, string> } = {},
  ) {
    const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? '');
    return call(handler, who, {
      method: route.method,
      path,
      routePath: route.path,
      pathParameters: params,
      headers: options.body === undefined ? (options.headers ?? {}) : { ...json, ...options.headers },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      ...(options.query ? { query: options.query } : {}),
    });
  }

  /** Delivers a submissions event to the consumer, shaped as EventBridge delivers it; returns the detail sent. */
  async function deliver<C extends EventContract<string, never>>(
    contract: C,
    data: Parameters<C['create']>[0],
    context: Partial<EventContext> = {},
  ) {
    const event = contract.create(data, {
      eventId: ulid(),
      occurredAt: new Date().toISOString(),
      regionId: 'kota-solok',
      correlationId: `corr-${randomUUID()}`,
      actor: { sub: 'sub-dinkes', username: 'opd.dinkes', role: 'opd', opdId: 'dinkes' },
      ...context,
    });
    await redeliver(event);
    return event;
  }

  /** Delivers an already built event again (at-least-once delivery), under a new EventBridge id. */
  async function redeliver(event: { source: string; detailType: string; detail: unknown }) {
    await consumer(
      {
        version: '0',
        id: randomUUID(),
        'detail-type': event.detailType,
        source: event.source,
        account: '000000000000',
        time: new Date().toISOString(),
        region: 'ap-southeast-3',
        resources: [],
        detail: event.detail,
      } as never,
      lambdaContext('track-events'),
    );
  }

  const api = {
    tableName,
    call,
    deliver,
    redeliver,
    createCycle: (who: Who, body: unknown) => to('createCycle', routes.createCycle, who, {}, { body }),
    listCycles: (who: Who, query: Record<string, string> = {}) =>
      to('listCycles', routes.listCycles, who, {}, { query }),
    getCycle: (who: Who, id: string) => to('getCycle', routes.getCycle, who, { id }),
    updateCycle: (who: Who, id: string, body: unknown, headers: Record<string, string> = {}) =>
      to('updateCycle', routes.updateCycle, who, { id }, { body, headers }),
    openCycle: (who: Who, id: string) => to('cycleStatus', routes.openCycle, who, { id }),
    closeCycle: (who: Who, id: string) => to('cycleStatus', routes.closeCycle, who, { id }),
    commit: (who: Who, id: string, opdId: string, body: unknown) =>
      to('commitment', routes.setCommitment, who, { id, opdId }, { body }),
    board: (who: Who, id: string, query: Record<string, string> = {}) =>
      to('board', routes.getBoard, who, { id }, { query }),
    queue: (who: Who, id: string, query: Record<string, string> = {}) =>
      to('queue', routes.listAdvanceRequests, who, { id }, { query }),
    track: (who: Who, id: string) => to('track', routes.getTrack, who, { id }),
    history: (who: Who, id: string, query: Record<string, string> = {}) =>
      to('track', routes.getTrackHistory, who, { id }, { query }),
    requestAdvance: (who: Who, id: string, body?: unknown) =>
      to('requestAdvance', routes.requestAdvance, who, { id }, { body }),
    approve: (who: Who, id: string, requestId: string, body?: unknown) =>
      to('review', routes.approveAdvance, who, { id, requestId }, { body }),
    giveBack: (who: Who, id: string, requestId: string, body?: unknown) =>
      to('review', routes.returnAdvance, who, { id, requestId }, { body }),
    hold: (who: Who, id: string, body?: unknown) => to('hold', routes.holdTrack, who, { id }, { body }),
    resume: (who: Who, id: string, body?: unknown) => to('hold', routes.resumeTrack, who, { id }, { body }),
    maturity: (who: Who, id: string, body: unknown) => to('maturity', routes.recordMaturity, who, { id }, { body }),
    monev: (who: Who, id: string, body: unknown) => to('monev', routes.reportMonev, who, { id }, { body }),

    /** The use-case dependencies against this table, with a clock of the test's choosing. */
    depsAt(now: Date): BoardDeps & GateDeps {
      return {
        board: new BoardStore(db, tableName),
        cycles: new CycleStore(db, tableName),
        tracks: new TrackStore(db, tableName),
        regionId: 'kota-solok',
        regionOpdIds: new Set(['balitbang', 'dinkes', 'disdukcapil', 'dpmptsp']),
        gates: DEFAULT_STAGE_GATES,
        now: () => now,
        newId: () => ulid(),
      };
    },

    /** Creates and opens a cycle; returns its id. */
    async openedCycle(plan = windows()): Promise<string> {
      const created = await api.createCycle('coordinator', {
        name: `Program Inovasi ${randomUUID().slice(0, 6)}`,
        year: 2099,
        stageWindows: plan,
        targetPerOpd: 1,
        monevIntervalDays: 30,
      });
      if (created.status !== 201) throw new Error(`cycle not created: ${JSON.stringify(created.body)}`);
      const id = created.body.id as string;
      await api.openCycle('coordinator', id);
      return id;
    },

    /** An innovation drafted (optionally with a profile) and registered into `cycleId`, as the events say. */
    async registered(cycleId: string, opdId = 'dinkes', profile: Record<string, unknown> = {}): Promise<string> {
      const innovationId = ulid();
      const name = `Inovasi ${innovationId.slice(-6)}`;
      await deliver(InnovationDrafted, { innovationId, opdId, version: 1, name, profile: { name, opdId, ...profile } });
      await deliver(InnovationRegistered, {
        innovationId,
        opdId,
        version: 2,
        name,
        cycleId,
        registeredAt: new Date().toISOString(),
      });
      return innovationId;
    },

    /** Every item in the table: test-only (request paths never scan). */
    items: table.items,

    /** The details of the events in the outbox, optionally of one type. */
    async outbox(
      eventType?: string,
    ): Promise<Array<{ metadata: { eventType: string }; data: Record<string, unknown> }>> {
      return (await api.items())
        .filter((item) => item.pk?.S?.startsWith('OUTBOX#'))
        .map((item) => JSON.parse(item.detail?.S ?? '{}'))
        .filter((detail) => eventType === undefined || detail.metadata.eventType === eventType);
    },

    stop: table.stop,
  };
  return api;
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;
