import { CycleClosed, CycleOpened, RegistrationRefused, submissionsRoutes as routes, STAGES } from '@inovda/contracts';
import { type DevCaller, TEST_REGION_OPDS, type TestResponse } from '@inovda/lambda-kit/testing';
import { startServiceHarness } from '@inovda/local/testing';
import { ulid } from 'ulid';
import { submissionsManifest } from '../src/manifest';

const STAGE_WINDOWS = Object.fromEntries(
  STAGES.map((stage, index) => [stage, { start: `2027-0${index + 1}-01`, due: `2027-0${index + 1}-28` }]),
) as Record<(typeof STAGES)[number], { start: string; due: string }>;

export type Who = DevCaller;

/** A handler's response as the tests read it. */
export type Response = TestResponse;

/**
 * The submissions handlers in-process against a fresh table, each loaded from the manifest with the environment
 * the stack computes for it (see `startServiceHarness`), with a request helper per route.
 */
export async function startHarness() {
  const harness = await startServiceHarness(submissionsManifest, { regionSettings: { opds: TEST_REGION_OPDS } });
  const { route } = harness;

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
    await harness.consume('cycle-projection', event);
    return eventId;
  }

  /** Delivers the workflow's refusal of a registration (its cycle had closed), as EventBridge would. */
  async function deliverRefusal(innovationId: string, cycleId: string, innovationVersion: number) {
    const at = new Date().toISOString();
    const event = RegistrationRefused.create(
      {
        innovationId,
        opdId: 'dinkes',
        cycleId,
        innovationVersion,
        registeredAt: at,
        reason: 'cycle-closed',
        closedAt: at,
      },
      {
        eventId: ulid(),
        occurredAt: at,
        regionId: 'kota-solok',
        correlationId: 'test',
        actor: { sub: 'system', username: 'workflow', role: 'system' },
      },
    );
    await harness.consume('registration-refusals', event);
    return event;
  }

  return {
    tableName: harness.tableName,
    route,
    deliverCycleEvent,
    deliverRefusal,
    consume: harness.consume,
    publish: harness.publish,
    republish: harness.republish,
    /** The public showcase, as anyone without a token reads it. */
    showcase: (query: Record<string, string> = {}) => route(routes.listShowcase, null, { query }),
    showcased: (id: string) => route(routes.getShowcaseInnovation, null, { params: { id } }),
    /** Creates an innovation as `who` and returns the response. */
    create: (who: Who, body: unknown, headers: Record<string, string> = {}) =>
      route(routes.createInnovation, who, { body, headers }),
    get: (who: Who, id: string) => route(routes.getInnovation, who, { params: { id } }),
    update: (who: Who, id: string, body: unknown, headers: Record<string, string> = {}) =>
      route(routes.updateInnovation, who, { params: { id }, body, headers }),
    act: (
      who: Who,
      id: string,
      action: 'register' | 'withdraw',
      body?: unknown,
      headers: Record<string, string> = {},
    ) =>
      route(action === 'register' ? routes.registerInnovation : routes.withdrawInnovation, who, {
        params: { id },
        body,
        headers,
      }),
    list: (who: Who, query: Record<string, string> = {}) => route(routes.listInnovations, who, { query }),
    versions: (who: Who, id: string, query: Record<string, string> = {}) =>
      route(routes.listInnovationVersions, who, { params: { id }, query }),
    /** Every item in the table: test-only (request paths never scan). */
    items: harness.items,
    stop: harness.stop,
  };
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;
