import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InnovationRegistered, workflowRoutes as routes, submissionsEvents } from '@inovda/contracts';
import { forgetRegionSettings } from '@inovda/lambda-kit';
import {
  ENV,
  FUNCTION_DEFAULTS,
  type FunctionSpec,
  functionEnvironment,
  functionRegionSettings,
  routesOf,
} from '@inovda/manifest';
import { submissionsManifest } from '@inovda/submissions/manifest';
import { afterAll, describe, expect, it } from 'vitest';
import { gatesFromSettings } from '../src/deps';
import { DEFAULT_STAGE_GATES } from '../src/domain/gates';
import { workflowManifest } from '../src/manifest';

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
    // Every submissions event is either consumed or named here with the reason the workflow may ignore it.
    const ignored: Record<string, string> = {
      InnovationRegistrationReverted: 'a reverted registration never opened a track (the workflow refused it)',
    };
    expect(detailTypes.sort()).toEqual(
      submissionsEvents
        .map((contract) => contract.name)
        .filter((name) => !(name in ignored))
        .sort(),
    );
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

  it('passes the stage gates only to the functions that check them, and the OPDs only to those that list them', () => {
    const region = { opds: [{ id: 'dinkes' }], stageGates: { design: [] }, rubricEdition: 'iid-2026' };
    const settings = functions.map((fn) => ({ fn, settings: functionRegionSettings(workflowManifest, fn, region) }));
    const receiving = (name: string) =>
      settings.filter(({ settings: picked }) => picked && name in picked).map(({ fn }) => fn.name);
    expect(receiving('stageGates')).toEqual(['request-advance', 'review-advance']);
    expect(receiving('opds')).toEqual(['set-commitment', 'get-board']);
    expect(receiving('rubricEdition')).toEqual([]);
    for (const { fn, settings: picked } of settings) {
      const env = functionEnvironment({
        manifest: workflowManifest,
        fn,
        tableName: 't',
        eventBusName: 'b',
        regionId: 'kota-solok',
        regionSettingsFile: '/var/task/region-settings.json',
      });
      expect(ENV.regionSettingsFile in env, fn.name).toBe(picked !== undefined);
    }
  });
});

describe('stage gates from the region settings file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'workflow-gates-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    delete process.env[ENV.regionSettingsFile];
    forgetRegionSettings();
  });

  function gatesFrom(content: string) {
    const file = join(dir, `${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, content);
    process.env[ENV.regionSettingsFile] = file;
    forgetRegionSettings();
    return gatesFromSettings().gates;
  }

  it('reads the gates the region config holds, and a malformed file or value fails the cold start', () => {
    expect(gatesFrom(JSON.stringify({ stageGates: DEFAULT_STAGE_GATES }))).toEqual(DEFAULT_STAGE_GATES);
    expect(gatesFrom(JSON.stringify({ stageGates: { design: [] } }))).toEqual({ design: [] });
    expect(() => gatesFrom('{"stageGates":{"design":[{"kind":"vibes"}]}}')).toThrow(/region setting 'stageGates'/);
    expect(() => gatesFrom('{not json')).toThrow(/region settings file/);
    expect(() => gatesFrom('{"opds":[]}')).toThrow(/'stageGates' is not in this function's settings/);
  });
});
