import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DeleteTableCommand, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { silentLogger, startLocalPlatform } from '@inovda/local';
import { describe, expect, it } from 'vitest';
import { localDynamoClient } from '../../packages/local/src/dynamodb/clients';
import { fixtureManifest } from './fixtures/manifest';
import { uniquePrefix, useDynamoLocal } from './helpers/dynamo';
import { dynamoLocalPids, exited, portOf, runTypeScript, sesLocalPids, waitForLine } from './helpers/processes';
import { testRegion } from './helpers/region';
import { isRunning, pidFile } from './helpers/spin';
import { waitFor } from './helpers/wait';

/** The fixture service with only functions that spin forever: one that times out at 1 s, one at 60 s. */
const spinningManifest = {
  ...fixtureManifest,
  functions: [
    { name: 'spin', entry: 'handlers/spin.ts', description: 'Spins past its timeout', timeoutSeconds: 1 },
    { name: 'spin-long', entry: 'handlers/spin.ts', description: 'Spins within its timeout', timeoutSeconds: 60 },
  ],
};

describe('shutdown leaves no emulator process behind', () => {
  it('stop() ends the DynamoDB Local and the SES v2 emulator the platform started', { timeout: 120_000 }, async () => {
    const platform = await startLocalPlatform({
      region: testRegion,
      services: [fixtureManifest],
      port: 0,
      inMemory: true,
      log: silentLogger,
    });
    const port = portOf(platform.dynamoEndpoint);
    const sesPort = portOf(platform.sesEndpoint ?? '');
    expect(dynamoLocalPids(port)).toHaveLength(1);
    expect(sesLocalPids(sesPort)).toHaveLength(1);
    await platform.stop();
    expect(dynamoLocalPids(port)).toEqual([]);
    expect(sesLocalPids(sesPort)).toEqual([]);
    // Stopping twice is harmless.
    await platform.stop();
  });

  it('kills the JVM even when the process that started it is killed outright', { timeout: 120_000 }, async () => {
    const child = runTypeScript(fileURLToPath(new URL('./fixtures/start-dynamo.ts', import.meta.url)));
    const [, endpoint = ''] = await waitForLine(child, /ENDPOINT (\S+)/);
    const port = portOf(endpoint);
    expect(dynamoLocalPids(port)).toHaveLength(1);
    // SIGKILL: no exit handler runs, so only the watchdog can stop the JVM.
    child.kill('SIGKILL');
    await exited(child);
    await waitFor(() => (dynamoLocalPids(port).length === 0 ? true : undefined), 30_000);
  });
});

describe('shutdown leaves no table behind on a shared DynamoDB Local', () => {
  it('stop() deletes the tables an in-memory platform created, and keeps one it found', {
    timeout: 60_000,
  }, async () => {
    const dynamo = await useDynamoLocal();
    const client = localDynamoClient(dynamo.endpoint, 'ap-southeast-3');
    const options = {
      region: testRegion,
      services: [fixtureManifest],
      port: 0,
      dynamoEndpoint: dynamo.endpoint,
      tablePrefix: uniquePrefix(),
      log: silentLogger,
    };
    const dataDir = mkdtempSync(join(tmpdir(), 'inovda-kept-'));
    const tableExists = async (name: string) =>
      ((await client.send(new ListTablesCommand({}))).TableNames ?? []).includes(name);
    try {
      // Made by a platform that keeps its data, then used by an in-memory one: not its to delete.
      const keeping = await startLocalPlatform({ ...options, dataDir });
      const table = keeping.tableNames.fixture ?? '';
      await keeping.stop();
      expect(await tableExists(table)).toBe(true);
      const reusing = await startLocalPlatform({ ...options, inMemory: true });
      await reusing.stop();
      expect(await tableExists(table)).toBe(true);
      await client.send(new DeleteTableCommand({ TableName: table }));

      const fresh = await startLocalPlatform({ ...options, tablePrefix: uniquePrefix(), inMemory: true });
      const created = fresh.tableNames.fixture ?? '';
      expect(await tableExists(created)).toBe(true);
      await fresh.stop();
      expect(await tableExists(created)).toBe(false);
    } finally {
      client.destroy();
      rmSync(dataDir, { recursive: true, force: true });
      await dynamo.stop();
    }
  });
});

describe('shutdown does not wait for runaway functions', () => {
  it('stop() resolves within seconds when functions spin in a synchronous built-in', { timeout: 60_000 }, async () => {
    const dynamo = await useDynamoLocal();
    const timedOut = pidFile();
    const running = pidFile();
    try {
      const platform = await startLocalPlatform({
        region: testRegion,
        services: [spinningManifest],
        port: 0,
        inMemory: true,
        dynamoEndpoint: dynamo.endpoint,
        tablePrefix: uniquePrefix(),
        log: silentLogger,
      });
      // One invocation times out (and is killed then), another is still spinning when the platform stops.
      expect(await platform.invoke('fixture/spin', { in: 'native', pidFile: timedOut.path })).toMatchObject({
        ok: false,
        error: { errorType: 'Sandbox.Timedout' },
      });
      const inFlight = platform.invoke('fixture/spin-long', { in: 'native', pidFile: running.path });
      const runningPid = await waitFor(() => running.pid());
      const stopping = Date.now();
      await platform.stop();
      expect(Date.now() - stopping).toBeLessThan(5_000);
      expect((await inFlight).ok).toBe(false);
      expect(isRunning(timedOut.pid() ?? 0)).toBe(false);
      expect(isRunning(runningPid)).toBe(false);
    } finally {
      timedOut.remove();
      running.remove();
      await dynamo.stop();
    }
  });
});
