import { fileURLToPath } from 'node:url';
import { silentLogger, startLocalPlatform } from '@inovda/local';
import { describe, expect, it } from 'vitest';
import { fixtureManifest } from './fixtures/manifest';
import { dynamoLocalPids, exited, portOf, runTypeScript, waitForLine } from './helpers/processes';
import { testRegion } from './helpers/region';
import { waitFor } from './helpers/wait';

describe('shutdown leaves no Java process behind', () => {
  it('stop() ends the DynamoDB Local the platform started', { timeout: 120_000 }, async () => {
    const platform = await startLocalPlatform({
      region: testRegion,
      services: [fixtureManifest],
      port: 0,
      inMemory: true,
      log: silentLogger,
    });
    const port = portOf(platform.dynamoEndpoint);
    expect(dynamoLocalPids(port)).toHaveLength(1);
    await platform.stop();
    expect(dynamoLocalPids(port)).toEqual([]);
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
