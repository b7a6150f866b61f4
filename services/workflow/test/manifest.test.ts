import { InnovationRegistered, submissionsEvents } from '@inovda/contracts';
import { FUNCTION_DEFAULTS, type FunctionSpec, functionEnvironment, REGION_SETTINGS, routesOf } from '@inovda/manifest';
import { submissionsManifest } from '@inovda/submissions/manifest';
import { describe, expect, it } from 'vitest';
import { DEFAULT_STAGE_GATES } from '../src/domain/gates';
import { gatesFromEnv } from '../src/http/gate-deps';
import { workflowManifest } from '../src/manifest';
import { routes } from '../src/routes';

/** The functions as the stack and the local runtime read them. */
const functions: readonly FunctionSpec[] = workflowManifest.functions;

describe('the workflow manifest', () => {
  it('serves every route exactly once, none shared with the submissions service', () => {
    const keys = routesOf(workflowManifest).map(({ route }) => `${route.method} ${route.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.sort()).toEqual(
      Object.values(routes)
        .map((route) => `${route.method} ${route.path}`)
        .sort(),
    );
    const theirs = new Set(routesOf(submissionsManifest).map(({ route }) => `${route.method} ${route.path}`));
    expect(keys.filter((key) => theirs.has(key))).toEqual([]);
  });

  it('gives every function an entry, a trigger and access no wider than it needs', () => {
    for (const fn of functions) {
      const triggers = (fn.routes?.length ?? 0) + (fn.subscriptions?.length ?? 0) + (fn.schedules?.length ?? 0);
      expect(triggers > 0 || fn.consumesTableStream === true, fn.name).toBe(true);
      expect(fn.entry).toMatch(/^src\/handlers\/[a-z-]+\.ts$/);
    }
    const readers = functions.filter((fn) => fn.tableAccess === 'read');
    expect(readers.map((fn) => fn.name).sort()).toEqual([
      'get-board',
      'get-cycle',
      'get-track',
      'list-advance-requests',
      'list-cycles',
    ]);
  });

  it('subscribes to each submissions event it consumes, with an explicit retry policy', () => {
    const subscriptions = functions.flatMap((fn) => fn.subscriptions ?? []);
    const detailTypes = subscriptions.flatMap((subscription) => subscription.pattern['detail-type']);
    expect(detailTypes.sort()).toEqual(submissionsEvents.map((contract) => contract.name).sort());
    for (const subscription of subscriptions) {
      expect(subscription.pattern.source).toEqual(InnovationRegistered.pattern.source);
      expect(subscription.retry.maximumRetryAttempts).toBeGreaterThan(0);
      expect(subscription.retry.maximumEventAgeSeconds).toBeLessThanOrEqual(24 * 3600);
    }
  });

  it('runs the deadline schedule daily in AWS and every minute locally, within its timeout', () => {
    const fn = functions.find((candidate) => candidate.name === 'check-deadlines');
    expect(fn?.schedules).toEqual([
      { name: 'deadlines', expression: 'rate(1 day)', localExpression: 'rate(1 minute)' },
    ]);
    expect(fn?.timeoutSeconds ?? FUNCTION_DEFAULTS.timeoutSeconds).toBeGreaterThan(60);
  });

  it('passes the region stage gates only to the functions that check them (request and approval)', () => {
    const environments = workflowManifest.functions.map((fn) =>
      functionEnvironment({
        manifest: workflowManifest,
        fn,
        tableName: 't',
        eventBusName: 'b',
        regionId: 'kota-solok',
        opdIds: ['dinkes'],
        regionSettings: { stageGates: { design: [] } },
      }),
    );
    const withGates = environments.filter((env) => REGION_SETTINGS.stageGates in env);
    expect(
      (workflowManifest.functions as readonly FunctionSpec[])
        .filter((fn) => fn.regionSettings?.includes('stageGates'))
        .map((fn) => fn.name),
    ).toEqual(['request-advance', 'review-advance']);
    expect(withGates).toHaveLength(2);
    expect(gatesFromEnv(withGates[0]?.[REGION_SETTINGS.stageGates])).toEqual({ design: [] });
  });
});

describe('stage gates from the environment', () => {
  it('default to the workflow default, and a malformed value fails the cold start', () => {
    expect(gatesFromEnv(undefined)).toBe(DEFAULT_STAGE_GATES);
    expect(gatesFromEnv('')).toBe(DEFAULT_STAGE_GATES);
    expect(() => gatesFromEnv('{"design":[{"kind":"vibes"}]}')).toThrow(/INOVDA_STAGE_GATES/);
    expect(() => gatesFromEnv('{not json')).toThrow(/INOVDA_STAGE_GATES/);
  });
});
