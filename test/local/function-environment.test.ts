import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type DynamoLocal,
  type LocalPlatform,
  type LocalRegion,
  LocalRuntimeError,
  silentLogger,
  startLocalPlatform,
  startSesLocal,
} from '@inovda/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { environmentManifest, missingSettingManifest } from './fixtures/environment-manifest';
import { uniquePrefix, useDynamoLocal } from './helpers/dynamo';
import { testRegion } from './helpers/region';

/** The test region with settings only some functions name. */
const region: LocalRegion = {
  ...testRegion,
  rubricEdition: 'indeks-inovasi-2024',
  stageGates: { discovery: { requires: ['proposal'] }, design: { requires: ['prototype', 'budget'] } },
};

/** A stand-in address: nothing listens there, the test only checks which functions are given it. */
const endpoints = { secretsManager: 'http://127.0.0.1:4580' };

interface Report {
  regionSettingsFile: string | null;
  regionSettings: Record<string, unknown> | null;
  endpoints: Record<string, string>;
}

async function report(platform: LocalPlatform, fn: string): Promise<Report> {
  const result = await platform.invoke(`envcheck/${fn}`, {});
  if (!result.ok) throw new Error(`envcheck/${fn} failed: ${result.error.errorType}: ${result.error.errorMessage}`);
  return result.payload as Report;
}

describe("each function's environment follows its manifest entry", () => {
  let dynamoLocal: DynamoLocal;
  let platform: LocalPlatform;

  beforeAll(async () => {
    dynamoLocal = await useDynamoLocal();
    platform = await startLocalPlatform({
      region,
      services: [environmentManifest],
      port: 0,
      inMemory: true,
      dynamoEndpoint: dynamoLocal.endpoint,
      tablePrefix: uniquePrefix(),
      endpoints,
      log: silentLogger,
      functionLogLevel: 'SILENT',
    });
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
    await dynamoLocal?.stop();
  });

  it('gives a function exactly the region settings it names, in its own file', async () => {
    const gates = await report(platform, 'reads-stage-gates');
    expect(gates.regionSettings).toEqual({ stageGates: region.stageGates });
    const opds = await report(platform, 'reads-opds-and-rubric');
    expect(opds.regionSettings).toEqual({ opds: testRegion.opds, rubricEdition: 'indeks-inovasi-2024' });
    expect(opds.regionSettingsFile).not.toBe(gates.regionSettingsFile);
  });

  it('sets no region settings file for a function that names no setting', async () => {
    expect(await report(platform, 'reads-nothing')).toMatchObject({ regionSettingsFile: null, regionSettings: null });
  });

  it('gives the SES v2 emulator and Secrets Manager endpoints only to functions granted them', async () => {
    // Functions reach DynamoDB Local through the runtime's pass-through (where the dynamodb-throttled fault acts).
    const passThrough = (await report(platform, 'reads-nothing')).endpoints.AWS_ENDPOINT_URL_DYNAMODB;
    expect(passThrough).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(passThrough).not.toBe(dynamoLocal.endpoint);
    const always = {
      AWS_ENDPOINT_URL_DYNAMODB: passThrough,
      AWS_ENDPOINT_URL_DYNAMODB_STREAMS: passThrough,
      AWS_ENDPOINT_URL_EVENTBRIDGE: platform.eventBridgeEndpoint,
    };
    // The SES v2 emulator the platform started, on loopback; functions reach it through the runtime's pass-through
    // (where the ses-throttled fault acts).
    expect(platform.sesEndpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const sesPassThrough = (await report(platform, 'sends-email')).endpoints.AWS_ENDPOINT_URL_SESV2;
    expect(sesPassThrough).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sesPassThrough).not.toBe(platform.sesEndpoint);
    expect((await report(platform, 'sends-email')).endpoints).toEqual({
      ...always,
      AWS_ENDPOINT_URL_SESV2: sesPassThrough,
    });
    expect((await report(platform, 'reads-secrets')).endpoints).toEqual({
      ...always,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: endpoints.secretsManager,
    });
    expect((await report(platform, 'calls-webhooks')).endpoints).toEqual(always);
    expect((await report(platform, 'reads-nothing')).endpoints).toEqual(always);
  });

  it("lets a function with a send-email grant send through the emulator, with the SDK's defaults", async () => {
    const mailbox = platform.mailbox;
    if (!mailbox) throw new Error('the platform started no SES v2 emulator');
    await mailbox.clear();
    const mail = {
      from: 'noreply@uji.inovda.id',
      to: 'opd.dinkes@uji.go.id',
      subject: 'Tahap maju',
      text: 'Inovasi Anda maju ke tahap uji coba.',
      html: '<p>Inovasi Anda maju ke tahap <b>uji coba</b>.</p>',
    };
    const result = await platform.invoke('envcheck/mails-a-note', mail);
    if (!result.ok) throw new Error(`mails-a-note failed: ${result.error.errorType}: ${result.error.errorMessage}`);
    const { messageId } = result.payload as { messageId: string };
    expect(await mailbox.mails()).toEqual([
      expect.objectContaining({
        messageId,
        from: mail.from,
        to: [mail.to],
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
      }),
    ]);
  });
});

describe('the SES v2 emulator a platform is given, or none', () => {
  let dynamoLocal: DynamoLocal;

  beforeAll(async () => {
    dynamoLocal = await useDynamoLocal();
  }, 120_000);

  afterAll(async () => {
    await dynamoLocal?.stop();
  });

  const start = (sesEndpoint: string | false) =>
    startLocalPlatform({
      region,
      services: [environmentManifest],
      port: 0,
      inMemory: true,
      dynamoEndpoint: dynamoLocal.endpoint,
      tablePrefix: uniquePrefix(),
      sesEndpoint,
      log: silentLogger,
      functionLogLevel: 'SILENT',
    });

  it('uses a running one it is given, leaves it running on stop, and reports it down when it is gone', async () => {
    const emulator = await startSesLocal();
    try {
      const platform = await start(emulator.endpoint);
      try {
        expect(platform.sesEndpoint).toBe(emulator.endpoint);
        expect((await report(platform, 'sends-email')).endpoints.AWS_ENDPOINT_URL_SESV2).toMatch(
          /^http:\/\/127\.0\.0\.1:/,
        );
        expect(await platform.mailbox?.mails()).toEqual([]);
        await emulator.stop();
        const health = await fetch(`${platform.url}/health`);
        expect(health.status).toBe(503);
        expect(await health.json()).toMatchObject({ status: 'degraded', ses: { status: 'down' } });
      } finally {
        await platform.stop();
      }
    } finally {
      await emulator.stop();
    }
  });

  it('gives no SES endpoint to a function granted send-email when turned off', async () => {
    const platform = await start(false);
    try {
      expect(platform.sesEndpoint).toBeUndefined();
      expect(platform.mailbox).toBeUndefined();
      expect((await report(platform, 'sends-email')).endpoints.AWS_ENDPOINT_URL_SESV2).toBeUndefined();
    } finally {
      await platform.stop();
    }
  });
});

describe('region settings files across starts', () => {
  let dynamoLocal: DynamoLocal;
  const dataDir = mkdtempSync(join(tmpdir(), 'inovda-region-settings-test-'));

  beforeAll(async () => {
    dynamoLocal = await useDynamoLocal();
  }, 120_000);

  afterAll(async () => {
    await dynamoLocal?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const start = (options: { region: LocalRegion; dataDir?: string }) =>
    startLocalPlatform({
      region: options.region,
      services: [environmentManifest],
      port: 0,
      ...(options.dataDir ? { dataDir: options.dataDir } : { inMemory: true }),
      dynamoEndpoint: dynamoLocal.endpoint,
      tablePrefix: uniquePrefix(),
      log: silentLogger,
      functionLogLevel: 'SILENT',
    });

  it('writes them into the data dir, rewritten at every start as the region config changes', async () => {
    const file = join(dataDir, 'region-settings', 'envcheck', 'reads-stage-gates.json');
    const first = await start({ region, dataDir });
    try {
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ stageGates: region.stageGates });
      expect((await report(first, 'reads-stage-gates')).regionSettingsFile).toBe(file);
    } finally {
      await first.stop();
    }
    const changed: LocalRegion = { ...region, stageGates: { discovery: { requires: [] } } };
    const second = await start({ region: changed, dataDir });
    try {
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ stageGates: changed.stageGates });
      expect(existsSync(join(dataDir, 'region-settings', 'envcheck', 'reads-nothing.json'))).toBe(false);
    } finally {
      await second.stop();
    }
  });

  it('removes the temporary ones of an in-memory platform when it stops', async () => {
    const platform = await start({ region });
    const file = (await report(platform, 'reads-stage-gates')).regionSettingsFile ?? '';
    expect(existsSync(file)).toBe(true);
    await platform.stop();
    expect(existsSync(file)).toBe(false);
  });

  it('fails the start, naming the function and the setting, when the region lacks a setting', async () => {
    const starting = startLocalPlatform({
      region,
      services: [missingSettingManifest],
      port: 0,
      inMemory: true,
      dynamoEndpoint: dynamoLocal.endpoint,
      tablePrefix: uniquePrefix(),
      log: silentLogger,
    });
    await expect(starting).rejects.toThrow(LocalRuntimeError);
    await expect(starting).rejects.toThrow(
      "envcheck/reads-a-typo reads region setting 'stageGatez', which the region does not define (region kota-uji)",
    );
  });
});
