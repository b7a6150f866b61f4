import { randomUUID } from 'node:crypto';
import {
  type EventContext,
  type EventContract,
  InnovationDrafted,
  InnovationRegistered,
  workflowRoutes as routes,
} from '@inovda/contracts';
import { createDocumentClient } from '@inovda/dynamo';
import { type DevCaller, TEST_REGION_OPDS, type TestResponse } from '@inovda/lambda-kit/testing';
import { startServiceHarness } from '@inovda/local/testing';
import type { RouteSpec } from '@inovda/manifest';
import { ulid } from 'ulid';
import { DEFAULT_STAGE_GATES } from '../src/domain/gates';
import { workflowManifest } from '../src/manifest';
import { BoardStore } from '../src/store/board-store';
import { CycleStore } from '../src/store/cycle-store';
import { GateProjectionStore } from '../src/store/gate-projection-store';
import { ListStore } from '../src/store/list-store';
import { RegistrationStore } from '../src/store/registration-store';
import { TrackStore } from '../src/store/track-store';
import type { GateDeps, ListDeps, RegionOpdDeps, TrackEventDeps } from '../src/use-cases/context';

export type Who = DevCaller;

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

/** The OPDs of the test region (the region setting `opds`). */
const REGION_OPD_IDS = new Set(TEST_REGION_OPDS.map((opd) => opd.id));

/**
 * The workflow handlers in-process against a fresh table, each loaded from the manifest with the environment the
 * stack computes for it (see `startServiceHarness`), with a request helper per route.
 */
export async function startHarness(options: { transactionConflicts?: boolean } = {}) {
  const harness = await startServiceHarness(workflowManifest, {
    regionSettings: { opds: TEST_REGION_OPDS, stageGates: DEFAULT_STAGE_GATES },
    ...options,
  });
  const { tableName, route } = harness;
  const db = createDocumentClient(harness.client);

  /** A request to `route` with its path parameters filled in. */
  function to(
    spec: RouteSpec,
    who: Who | null,
    params: Record<string, string>,
    options: { body?: unknown; headers?: Record<string, string>; query?: Record<string, string> } = {},
  ) {
    return route(spec, who, { params, ...options });
  }

  /** Delivers a submissions event to the consumer, shaped as EventBridge delivers it; returns the detail sent. */
  /** Delivers a submissions event to the consumer, shaped as EventBridge delivers it; returns the detail sent. */
  const deliver = <C extends EventContract<string, never>>(
    contract: C,
    data: Parameters<C['create']>[0],
    context: Partial<EventContext> = {},
  ) => harness.deliver('track-events', contract, data, context);

  /** Delivers an already built event again (at-least-once delivery), under a new EventBridge id. */
  async function redeliver(event: { source: string; detailType: string; detail: unknown }) {
    await harness.consume('track-events', event);
  }

  const api = {
    tableName,
    /** A document client on the table, for tests that must write what no route writes (data of an older layout). */
    db,
    route,
    tick: harness.tick,
    deliver,
    redeliver,
    createCycle: (who: Who, body: unknown, headers: Record<string, string> = {}) =>
      to(routes.createCycle, who, {}, { body, headers }),
    listCycles: (who: Who, query: Record<string, string> = {}) => to(routes.listCycles, who, {}, { query }),
    getCycle: (who: Who, id: string) => to(routes.getCycle, who, { id }),
    updateCycle: (who: Who, id: string, body: unknown, headers: Record<string, string> = {}) =>
      to(routes.updateCycle, who, { id }, { body, headers }),
    openCycle: (who: Who, id: string) => to(routes.openCycle, who, { id }),
    closeCycle: (who: Who, id: string) => to(routes.closeCycle, who, { id }),
    commit: (who: Who, id: string, opdId: string, body: unknown) =>
      to(routes.setCommitment, who, { id, opdId }, { body }),
    board: (who: Who, id: string, query: Record<string, string> = {}) => to(routes.getBoard, who, { id }, { query }),
    queue: (who: Who, id: string, query: Record<string, string> = {}) =>
      to(routes.listAdvanceRequests, who, { id }, { query }),
    track: (who: Who, id: string) => to(routes.getTrack, who, { id }),
    history: (who: Who, id: string, query: Record<string, string> = {}) =>
      to(routes.getTrackHistory, who, { id }, { query }),
    gate: (who: Who, id: string) => to(routes.getGateStatus, who, { id }),
    requestAdvance: (who: Who, id: string, body?: unknown) => to(routes.requestAdvance, who, { id }, { body }),
    approve: (who: Who, id: string, requestId: string, body?: unknown) =>
      to(routes.approveAdvance, who, { id, requestId }, { body }),
    giveBack: (who: Who, id: string, requestId: string, body?: unknown) =>
      to(routes.returnAdvance, who, { id, requestId }, { body }),
    hold: (who: Who, id: string, body?: unknown) => to(routes.holdTrack, who, { id }, { body }),
    resume: (who: Who, id: string, body?: unknown) => to(routes.resumeTrack, who, { id }, { body }),
    maturity: (who: Who, id: string, body: unknown) => to(routes.recordMaturity, who, { id }, { body }),
    monev: (who: Who, id: string, body: unknown) => to(routes.reportMonev, who, { id }, { body }),
    monevReports: (who: Who, id: string, query: Record<string, string> = {}) =>
      to(routes.listMonevReports, who, { id }, { query }),

    /** The use-case dependencies against this table, with a clock of the test's choosing. */
    depsAt(now: Date): TrackEventDeps & GateDeps & ListDeps & RegionOpdDeps {
      return {
        board: new BoardStore(db, tableName),
        cycles: new CycleStore(db, tableName),
        tracks: new TrackStore(db, tableName),
        registrations: new RegistrationStore(db, tableName),
        lists: new ListStore(db, tableName),
        projections: new GateProjectionStore(db, tableName),
        regionId: 'kota-solok',
        regionOpdIds: REGION_OPD_IDS,
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
    items: harness.items,
    /** How many of the handlers' transactions were cancelled for a conflict (`transactionConflicts`). */
    conflicts: harness.conflicts,
    conflictNext: harness.conflictNext,

    /** The details of the events in the outbox, optionally of one type. */
    async outbox(
      eventType?: string,
    ): Promise<Array<{ metadata: { eventType: string }; data: Record<string, unknown> }>> {
      return (await api.items())
        .filter((item) => item.pk?.S?.startsWith('OUTBOX#'))
        .map((item) => JSON.parse(item.detail?.S ?? '{}'))
        .filter((detail) => eventType === undefined || detail.metadata.eventType === eventType);
    },

    stop: harness.stop,
  };
  return api;
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;
