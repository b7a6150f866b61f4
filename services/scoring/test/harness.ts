import { randomUUID } from 'node:crypto';
import {
  CycleOpened,
  type EventContext,
  type EventContract,
  InnovationDrafted,
  InnovationRegistered,
  scoringRoutes as routes,
  StageAdvanced,
} from '@inovda/contracts';
import { type DevCaller, TEST_REGION_OPDS } from '@inovda/lambda-kit/testing';
import { startServiceHarness } from '@inovda/local/testing';
import type { RouteSpec } from '@inovda/manifest';
import { ulid } from 'ulid';
import { scoringManifest } from '../src/manifest';

export type Who = DevCaller;

const STAGES_TO_DELIVER = ['diagnose', 'design', 'deliver'] as const;

/** Evidence for every mandatory indicator of iid-2026 and a few more, as a profile attaches it. */
export const PROFILE_EVIDENCE = [
  'regulation',
  'human-resources',
  'speed-of-creation',
  'benefit',
  'quality-video',
  'tools',
].map((indicator) => ({ indicator, url: `https://bukti.example.id/${indicator}` }));

/** A complete self-assessment under iid-2026: every mandatory indicator and two more. */
export const CLAIMS = [
  { indicator: 'regulation', level: 3 },
  { indicator: 'human-resources', level: 2 },
  { indicator: 'speed-of-creation', level: 3 },
  { indicator: 'benefit', level: 2, basis: 'people-served' },
  { indicator: 'quality-video', level: 3 },
  { indicator: 'tools', level: 2 },
];

/**
 * The scoring handlers in-process against a fresh table, each loaded from the manifest with the environment the
 * stack computes for it, with a request helper per route and helpers that deliver the events scoring learns from.
 */
export async function startHarness(options: { scoringRule?: 'median' | 'minimum' } = {}) {
  const harness = await startServiceHarness(scoringManifest, {
    regionSettings: { rubricEdition: 'iid-2026', scoringRule: options.scoringRule ?? 'median', opds: TEST_REGION_OPDS },
  });
  const { route } = harness;

  function to(
    spec: RouteSpec,
    who: Who | null,
    params: Record<string, string>,
    options: { body?: unknown; headers?: Record<string, string>; query?: Record<string, string> } = {},
  ) {
    return route(spec, who, { params, ...options });
  }

  /** An event as its producer would publish it (as `deliver` builds it), not yet delivered. */
  function eventOf<C extends EventContract<string, never>>(
    contract: C,
    data: Parameters<C['create']>[0],
    context: Partial<EventContext> = {},
  ) {
    return contract.create(data, {
      eventId: ulid(),
      occurredAt: new Date().toISOString(),
      regionId: 'kota-solok',
      correlationId: `corr-${randomUUID()}`,
      actor: { sub: 'sub-dinkes', username: 'opd.dinkes', role: 'opd', opdId: 'dinkes' },
      ...context,
    });
  }

  const deliver = <C extends EventContract<string, never>>(
    contract: C,
    data: Parameters<C['create']>[0],
    context: Partial<EventContext> = {},
  ) => harness.deliver('scoring-events', contract, data, context);

  const api = {
    route,
    eventOf,
    deliver,
    redeliver: (event: { source: string; detailType: string; detail: unknown }) =>
      harness.consume('scoring-events', event),
    items: harness.items,
    tick: harness.tick,
    editions: (who: Who) => to(routes.listEditions, who, {}),
    edition: (who: Who, editionId: string) => to(routes.getEdition, who, { editionId }),
    selfAssessment: (who: Who, id: string) => to(routes.getSelfAssessment, who, { id }),
    saveSelfAssessment: (who: Who, id: string, body: unknown, headers: Record<string, string> = {}) =>
      to(routes.saveSelfAssessment, who, { id }, { body, headers }),
    submitSelfAssessment: (who: Who, id: string, headers: Record<string, string> = {}) =>
      to(routes.submitSelfAssessment, who, { id }, { headers }),
    declare: (who: Who, body: unknown = {}) => to(routes.declareConflicts, who, {}, { body }),
    declared: (who: Who) => to(routes.getMyConflicts, who, {}),
    evaluators: (who: Who) => to(routes.listEvaluators, who, {}),
    assign: (who: Who, id: string, evaluators: string[]) =>
      to(routes.assignEvaluators, who, { id }, { body: { evaluators } }),
    autoAssign: (who: Who, id: string, body?: unknown) => to(routes.autoAssign, who, { id }, { body }),
    myAssignments: (who: Who, query: Record<string, string> = {}) => to(routes.listMyAssignments, who, {}, { query }),
    myEvaluation: (who: Who, id: string) => to(routes.getMyEvaluation, who, { id }),
    saveEvaluation: (who: Who, id: string, body: unknown, headers: Record<string, string> = {}) =>
      to(routes.saveMyEvaluation, who, { id }, { body, headers }),
    submitEvaluation: (who: Who, id: string, headers: Record<string, string> = {}) =>
      to(routes.submitMyEvaluation, who, { id }, { headers }),
    evaluations: (who: Who, id: string) => to(routes.listEvaluations, who, { id }),
    calibrate: (who: Who, id: string, body: unknown) => to(routes.calibrate, who, { id }, { body }),
    score: (who: Who, id: string) => to(routes.getScore, who, { id }),
    correct: (who: Who, id: string, body: unknown) => to(routes.correctScore, who, { id }, { body }),
    ranking: (who: Who, id: string) => to(routes.getRanking, who, { id }),
    rankingCsv: (who: Who, id: string) => to(routes.getRankingCsv, who, { id }),
    regionIndex: (who: Who, id: string) => to(routes.getRegionIndex, who, { id }),
    readiness: (who: Who, id: string, levels: Record<string, number>) =>
      to(routes.setReadiness, who, { id }, { body: { levels } }),
    publish: (who: Who, id: string) => to(routes.publishResults, who, { id }),
    /** The published rankings, as anyone without a token reads them. */
    publicRankings: () => to(routes.listPublishedRankings, null, {}),
    publicRanking: (id: string) => to(routes.getPublishedRanking, null, { id }),

    /** A cycle opened in the workflow service, as scoring hears of it. */
    async openedCycle(year = 2027): Promise<string> {
      const cycleId = ulid();
      await deliver(CycleOpened, {
        cycleId,
        name: `Program Inovasi ${year}`,
        year,
        openedAt: new Date().toISOString(),
        stageWindows: Object.fromEntries(
          ['drum-up', 'diagnose', 'design', 'deliver', 'display'].map((stage, index) => [
            stage,
            { start: `${year}-0${index + 1}-01`, due: `${year}-0${index + 1}-28` },
          ]),
        ) as never,
      });
      return cycleId;
    },

    /**
     * An innovation drafted with evidence, registered into `cycleId` and advanced to Deliver, as the events say;
     * `affairs` are its government affairs (the basic-service coverage of the index).
     */
    async atDeliver(cycleId: string, opdId = 'dinkes', affairs: string[] = ['health']): Promise<string> {
      const innovationId = ulid();
      const name = `Inovasi ${innovationId.slice(-6)}`;
      await deliver(InnovationDrafted, {
        innovationId,
        opdId,
        version: 1,
        name,
        profile: { name, opdId, governmentAffairs: affairs as never, evidence: PROFILE_EVIDENCE as never },
      });
      await deliver(InnovationRegistered, {
        innovationId,
        opdId,
        version: 2,
        name,
        cycleId,
        registeredAt: new Date().toISOString(),
      });
      let from = 'drum-up';
      let trackVersion = 1;
      for (const to of STAGES_TO_DELIVER) {
        trackVersion += 2;
        await deliver(StageAdvanced, {
          innovationId,
          opdId,
          cycleId,
          trackVersion,
          requestId: ulid(),
          from: from as never,
          to,
        });
        from = to;
      }
      return innovationId;
    },

    /** An innovation at Deliver with its self-assessment submitted (CLAIMS unless told). */
    async selfAssessed(
      cycleId: string,
      opdId = 'dinkes',
      claims: unknown[] = CLAIMS,
      affairs?: string[],
    ): Promise<string> {
      const id = await api.atDeliver(cycleId, opdId, affairs);
      const owner = OPD_USERS[opdId];
      if (!owner) throw new Error(`no dev OPD user for ${opdId}`);
      const saved = await api.saveSelfAssessment(owner, id, { claims });
      if (saved.status !== 200) throw new Error(`self-assessment not saved: ${JSON.stringify(saved.body)}`);
      const submitted = await api.submitSelfAssessment(owner, id);
      if (submitted.status !== 200) throw new Error(`self-assessment not submitted: ${JSON.stringify(submitted.body)}`);
      return id;
    },

    /** Every dev evaluator declares no conflicts, which makes them assignable. */
    async evaluatorsReady(): Promise<void> {
      for (const who of EVALUATORS) {
        const declared = await api.declare(who);
        if (declared.status !== 200) throw new Error(`${who} not declared: ${JSON.stringify(declared.body)}`);
      }
    },

    /**
     * Assigns the evaluators named in `decisions` to `id` (by `assigner`), and each saves and submits their
     * decisions, in the order given.
     */
    async verified(
      id: string,
      decisions: Partial<Record<EvaluatorWho, unknown[]>>,
      assigner: Who = 'coordinator2',
    ): Promise<void> {
      const whos = Object.keys(decisions) as EvaluatorWho[];
      const assigned = await api.assign(
        assigner,
        id,
        whos.map((who) => EVALUATOR_SUBS[who]),
      );
      if (assigned.status !== 200) throw new Error(`not assigned: ${JSON.stringify(assigned.body)}`);
      for (const who of whos) {
        const saved = await api.saveEvaluation(who, id, { decisions: decisions[who] });
        if (saved.status !== 200) throw new Error(`${who} not saved: ${JSON.stringify(saved.body)}`);
        const submitted = await api.submitEvaluation(who, id);
        if (submitted.status !== 200) throw new Error(`${who} not submitted: ${JSON.stringify(submitted.body)}`);
      }
    },

    /** The details of the events in the outbox, optionally of one type. */
    async outbox(
      eventType?: string,
    ): Promise<Array<{ metadata: { eventType: string }; data: Record<string, unknown> }>> {
      return (await harness.items())
        .filter((item) => item.pk?.S?.startsWith('OUTBOX#'))
        .map((item) => JSON.parse(item.detail?.S ?? '{}'))
        .filter((detail) => eventType === undefined || detail.metadata.eventType === eventType);
    },

    stop: harness.stop,
  };
  return api;
}

/** The dev evaluators and their subs: `evaluator` has no OPD, `evaluator2` is of disdukcapil, `evaluator3` of dinkes. */
export const EVALUATOR_SUBS = {
  evaluator: 'sub-penilai',
  evaluator2: 'sub-penilai2',
  evaluator3: 'sub-penilai3',
} as const;
export type EvaluatorWho = keyof typeof EVALUATOR_SUBS;
const EVALUATORS = Object.keys(EVALUATOR_SUBS) as EvaluatorWho[];

/** Every claim of `claims` accepted. */
export function acceptAll(claims: ReadonlyArray<{ indicator: string }> = CLAIMS) {
  return claims.map((claim) => ({ indicator: claim.indicator, decision: 'accept' }));
}

/** `decisions` with one indicator's decision replaced. */
export function withDecision(
  decisions: ReadonlyArray<{ indicator: string }>,
  replacement: { readonly indicator: string; readonly [field: string]: unknown },
): Array<{ readonly indicator: string }> {
  return decisions.map((decision) => (decision.indicator === replacement.indicator ? replacement : decision));
}

/** A snapshot of every item of the table, to compare before and after a refused request. */
export async function snapshot(harness: { items: () => Promise<unknown[]> }): Promise<string[]> {
  return (await harness.items()).map((item) => JSON.stringify(item)).sort();
}

/** The dev caller of each OPD that has one. */
export const OPD_USERS: Readonly<Record<string, Who>> = {
  dinkes: 'dinkes',
  disdukcapil: 'capil',
  balitbang: 'balitbang',
};
