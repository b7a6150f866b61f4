import { spawn as spawnProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { LocalRuntimeError } from '../errors';
import { freePort } from '../free-port';
import { type TrackedProcess, trackProcess } from '../tracked-process';
import { type LocalMailbox, sesMailbox } from './mailbox';
import { sesLocalCommand } from './ses-local-command';

/** How to run the SES v2 emulator. */
export interface SesLocalOptions {
  /** Port to listen on (loopback only); a free one when omitted. */
  readonly port?: number;
  /** How long to wait for its first answer. */
  readonly startTimeoutMs?: number;
}

/** A running SES v2 emulator (aws-ses-v2-local). */
export interface SesLocal {
  /** The SES v2 API (`AWS_ENDPOINT_URL_SESV2`); the same address, opened in a browser, shows the sent mails. */
  readonly endpoint: string;
  /** The mails it has accepted. */
  readonly mailbox: LocalMailbox;
  /** Pid of its Node process. */
  readonly pid: number | undefined;
  /** Stops its process and waits until it has exited. Safe to call twice. Its mails are gone with it. */
  stop(): Promise<void>;
}

const NAME = 'the SES v2 emulator (aws-ses-v2-local)';

/**
 * Starts aws-ses-v2-local on a free loopback port, in its own Node process, and resolves once it answers. Not in
 * this process, though the package could: its mail store is one module-level list, so two emulators in one
 * process (two platforms in a test file) would share one mailbox, and it reads its settings from `process.env`,
 * which only a child's environment keeps apart from the developer's (see ses-local-command). Like DynamoDB
 * Local, the process is killed on `stop()` and, as a last resort, when this Node process goes.
 */
export async function startSesLocal(options: SesLocalOptions = {}): Promise<SesLocal> {
  const port = options.port ?? (await freePort());
  const { command, args, env } = sesLocalCommand(port);
  // Its own process group, as DynamoDB Local: Ctrl-C reaches Node, which stops it in order, after the functions.
  const child = spawnProcess(command, [...args], { env, stdio: 'pipe', detached: true });
  const emulator = trackProcess(child, NAME);
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitUntilAnswering(endpoint, emulator, options.startTimeoutMs ?? 30_000);
  } catch (error) {
    await emulator.stop();
    throw error;
  }
  return { endpoint, mailbox: sesMailbox(endpoint), pid: child.pid, stop: emulator.stop };
}

/** Whether the emulator at `endpoint` answers its health check. */
export async function sesLocalAnswers(endpoint: string, timeoutMs = 2_000): Promise<boolean> {
  try {
    const response = await fetch(`${endpoint}/health-check`, { signal: AbortSignal.timeout(timeoutMs) });
    return response.ok;
  } catch {
    return false;
  }
}

async function waitUntilAnswering(endpoint: string, emulator: TrackedProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (emulator.exited()) throw new LocalRuntimeError(emulator.failure());
    if (await sesLocalAnswers(endpoint, 1_000)) return;
    await sleep(100);
  }
  throw new LocalRuntimeError(`${NAME} did not answer on ${endpoint} within ${timeoutMs} ms.`);
}
