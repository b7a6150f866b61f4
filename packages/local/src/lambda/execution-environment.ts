import { type ChildProcess, fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  type InvocationDescriptor,
  type InvokeMessage,
  isWorkerMessage,
  type LambdaError,
  LambdaInvokeError,
  toLambdaError,
  type WorkerData,
} from './invocation';

/** How to start one execution environment of a function. */
export interface FunctionWorkerSpec {
  /** Absolute path of the handler module. */
  readonly entryPath: string;
  readonly handlerName: string;
  /** The function's whole environment (the process sees nothing of the host's). */
  readonly env: Readonly<Record<string, string>>;
  /** Limit on the init phase (importing the module). */
  readonly initTimeoutMs: number;
  /** Receives each line the function writes to stdout/stderr (its CloudWatch log, locally). */
  readonly onOutput: (line: string) => void;
  /** Aborting it kills an environment still in its init phase (the runtime is stopping). */
  readonly signal?: AbortSignal;
}

/** The outcome of one invocation in a worker; `fatal` means the environment is gone and must not be reused. */
export type WorkerInvokeOutcome =
  | { readonly ok: true; readonly payload: unknown }
  | { readonly ok: false; readonly error: LambdaError; readonly fatal: boolean };

interface Pending {
  readonly id: number;
  readonly settle: (outcome: WorkerInvokeOutcome) => void;
}

// tsx as a loader URL, so TypeScript handlers load the same way under `tsx` and inside vitest (whose own
// transform does not reach other processes).
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const RUNTIME_PATH = fileURLToPath(new URL('./runtime-interface-client.ts', import.meta.url));

/**
 * How long `terminate()` waits for the killed process to be reaped. SIGKILL cannot be caught or delayed by the
 * function, so this only bounds the pathological case (a process stuck in the kernel); shutdown never waits longer.
 */
export const TERMINATE_DEADLINE_MS = 2_000;

function seconds(ms: number): string {
  return (ms / 1000).toFixed(2);
}

function pipeLines(stream: Readable | null | undefined, onLine: (line: string) => void): void {
  if (!stream) return;
  createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY }).on('line', onLine);
}

/**
 * One execution environment of a Lambda function: a child process with its own environment variables and module
 * graph, so handlers are isolated from each other and from the runtime as they are in AWS. Started by `start()`
 * (the init phase); serves one invocation at a time.
 *
 * A process rather than a worker thread because an environment must be killable whatever it is doing, as Lambda
 * kills a sandbox at its timeout: `Worker.terminate()` cannot interrupt a long synchronous built-in (a `pbkdf2Sync`,
 * a sync zlib or fs call), so a timed-out handler kept running, `stop()` waited for it and even `process.exit()`
 * blocked on joining the thread. SIGKILL always works. The price is a Node process per warm environment (about
 * 40 MB and 100 ms more per cold start than a thread), paid only for environments actually started.
 */
export class FunctionWorker {
  private nextId = 1;
  private pending: Pending | undefined;
  private exited = false;
  private exitError: LambdaError | undefined;
  private readonly exitWaiters: Array<() => void> = [];

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (message: unknown) => {
      if (!isWorkerMessage(message)) return;
      if (message.type === 'fatal') {
        // An uncaught exception or unhandled rejection ends the environment, as it ends the Lambda runtime process.
        this.exitError = {
          errorType: 'Runtime.ExitError',
          errorMessage: `${message.error.errorType}: ${message.error.errorMessage}`,
        };
        return;
      }
      if (message.type !== 'result') return;
      const pending = this.pending;
      if (!pending || pending.id !== message.id) return;
      this.pending = undefined;
      pending.settle(
        message.ok
          ? { ok: true, payload: JSON.parse(message.payload) }
          : { ok: false, error: message.error, fatal: false },
      );
    });
    child.on('error', (error) => {
      // The process could not be spawned or signalled: count it as gone (`exit` may never come).
      const cause = toLambdaError(error);
      this.exitError ??= { errorType: 'Runtime.ExitError', errorMessage: `${cause.errorType}: ${cause.errorMessage}` };
      this.markExited('error');
    });
    child.on('exit', (code, signal) => this.markExited(signal ? `signal: ${signal}` : `exit status ${code}`));
  }

  /** Starts the process and runs the init phase; rejects with a `LambdaInvokeError` when init fails. */
  static start(spec: FunctionWorkerSpec): Promise<FunctionWorker> {
    const workerData: WorkerData = { entryPath: spec.entryPath, handlerName: spec.handlerName };
    const child = fork(RUNTIME_PATH, [JSON.stringify(workerData)], {
      // The function's environment only; Node removes its IPC variables before the handler runs.
      env: { ...spec.env },
      execPath: process.execPath,
      execArgv: ['--import', TSX_LOADER, '--enable-source-maps'],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'json',
    });
    pipeLines(child.stdout, spec.onOutput);
    pipeLines(child.stderr, spec.onOutput);
    const functionWorker = new FunctionWorker(child);
    return new Promise<FunctionWorker>((resolve, reject) => {
      const fail = (error: LambdaError) => {
        cleanup();
        void functionWorker.terminate();
        reject(new LambdaInvokeError(error));
      };
      const timer = setTimeout(
        () =>
          fail({
            errorType: 'Sandbox.Timedout',
            errorMessage: `Init timed out after ${seconds(spec.initTimeoutMs)} seconds`,
          }),
        spec.initTimeoutMs,
      );
      const onMessage = (message: unknown) => {
        if (!isWorkerMessage(message)) return;
        if (message.type === 'ready') {
          cleanup();
          resolve(functionWorker);
        } else if (message.type === 'init-error') {
          fail(message.error);
        }
      };
      const onError = (error: Error) => fail(toLambdaError(error));
      const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
        fail({
          errorType: 'Runtime.ExitError',
          errorMessage: `Runtime exited during init with ${signal ? `signal ${signal}` : `exit status ${code}`}`,
        });
      const onAbort = () => fail({ errorType: 'Runtime.Stopped', errorMessage: 'runtime stopped' });
      const cleanup = () => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('error', onError);
        child.off('exit', onExit);
        spec.signal?.removeEventListener('abort', onAbort);
      };
      child.on('message', onMessage);
      child.on('error', onError);
      child.on('exit', onExit);
      if (spec.signal?.aborted) onAbort();
      else spec.signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Whether the environment can take another invocation. */
  get alive(): boolean {
    return !this.exited;
  }

  /** The environment's process id (diagnostics and tests). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /**
   * Runs one invocation. When the function exceeds `timeoutMs`, Lambda stops it and resets the environment; here
   * the process is killed (the outcome is `fatal`) and the pool starts a fresh one next time.
   */
  invoke(event: string, context: InvocationDescriptor, timeoutMs: number): Promise<WorkerInvokeOutcome> {
    if (this.exited || this.pending) {
      return Promise.resolve({
        ok: false,
        fatal: this.exited,
        error: { errorType: 'Runtime.Unavailable', errorMessage: 'execution environment is busy or gone' },
      });
    }
    const id = this.nextId++;
    return new Promise<WorkerInvokeOutcome>((resolve) => {
      const timer = setTimeout(() => {
        if (this.pending?.id !== id) return;
        this.pending = undefined;
        void this.terminate();
        resolve({
          ok: false,
          fatal: true,
          error: { errorType: 'Sandbox.Timedout', errorMessage: `Task timed out after ${seconds(timeoutMs)} seconds` },
        });
      }, timeoutMs);
      this.pending = {
        id,
        settle: (outcome) => {
          clearTimeout(timer);
          resolve(outcome);
        },
      };
      const message: InvokeMessage = { type: 'invoke', id, event, context };
      this.child.send(message, (error) => {
        // The channel closed under us: the process is gone or going; `exit` settles the invocation.
        if (error) void this.terminate();
      });
    });
  }

  /**
   * Ends the environment: SIGKILL, which no handler can delay. Resolves once the process has exited, or after
   * `deadlineMs` at the latest (the process is then unreferenced, so it never holds the host process open).
   */
  async terminate(deadlineMs = TERMINATE_DEADLINE_MS): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((resolve) => this.exitWaiters.push(resolve));
    this.child.kill('SIGKILL');
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, deadlineMs);
    });
    await Promise.race([gone, deadline]);
    clearTimeout(timer);
    if (!this.exited) {
      // Not reaped yet: never let it hold the host open, and count the environment as gone.
      this.child.unref();
      this.child.stdout?.destroy();
      this.child.stderr?.destroy();
      if (this.child.connected) this.child.disconnect();
      this.markExited('signal: SIGKILL');
    }
  }

  private markExited(status: string): void {
    if (this.exited) return;
    this.exited = true;
    for (const notify of this.exitWaiters.splice(0)) notify();
    const pending = this.pending;
    this.pending = undefined;
    pending?.settle({
      ok: false,
      fatal: true,
      error: this.exitError ?? {
        errorType: 'Runtime.ExitError',
        errorMessage: `RequestId: unknown Error: Runtime exited with error: ${status}`,
      },
    });
  }
}
