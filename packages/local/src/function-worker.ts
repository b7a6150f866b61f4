import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
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
  /** The function's whole environment (the worker sees nothing of the host's). */
  readonly env: Readonly<Record<string, string>>;
  /** Limit on the init phase (importing the module). */
  readonly initTimeoutMs: number;
  /** Receives each line the function writes to stdout/stderr (its CloudWatch log, locally). */
  readonly onOutput: (line: string) => void;
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
// transform does not reach worker threads).
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const RUNTIME_URL = new URL('./lambda-runtime.ts', import.meta.url);

function seconds(ms: number): string {
  return (ms / 1000).toFixed(2);
}

function pipeLines(stream: Readable | null | undefined, onLine: (line: string) => void): void {
  if (!stream) return;
  createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY }).on('line', onLine);
}

/**
 * One execution environment of a Lambda function: a worker thread with its own environment variables and module
 * graph, so handlers are isolated from each other and from the runtime as they are in AWS. Started by `start()`
 * (the init phase); serves one invocation at a time.
 */
export class FunctionWorker {
  private nextId = 1;
  private pending: Pending | undefined;
  private exited = false;
  private exitError: LambdaError | undefined;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (message: unknown) => {
      if (!isWorkerMessage(message) || message.type !== 'result') return;
      const pending = this.pending;
      if (!pending || pending.id !== message.id) return;
      this.pending = undefined;
      pending.settle(
        message.ok
          ? { ok: true, payload: JSON.parse(message.payload) }
          : { ok: false, error: message.error, fatal: false },
      );
    });
    worker.on('error', (error) => {
      // An uncaught exception or unhandled rejection ends the environment, as it ends the Lambda runtime process.
      const cause = toLambdaError(error);
      this.exitError = { errorType: 'Runtime.ExitError', errorMessage: `${cause.errorType}: ${cause.errorMessage}` };
    });
    worker.on('exit', (code) => {
      this.exited = true;
      const pending = this.pending;
      this.pending = undefined;
      pending?.settle({
        ok: false,
        fatal: true,
        error: this.exitError ?? {
          errorType: 'Runtime.ExitError',
          errorMessage: `RequestId: unknown Error: Runtime exited with error: exit status ${code}`,
        },
      });
    });
  }

  /** Starts a worker and runs the init phase; rejects with a `LambdaInvokeError` when init fails. */
  static start(spec: FunctionWorkerSpec): Promise<FunctionWorker> {
    const workerData: WorkerData = { entryPath: spec.entryPath, handlerName: spec.handlerName };
    const worker = new Worker(RUNTIME_URL, {
      workerData,
      env: { ...spec.env },
      execArgv: ['--import', TSX_LOADER, '--enable-source-maps'],
      stdout: true,
      stderr: true,
    });
    pipeLines(worker.stdout, spec.onOutput);
    pipeLines(worker.stderr, spec.onOutput);
    const functionWorker = new FunctionWorker(worker);
    return new Promise<FunctionWorker>((resolve, reject) => {
      const fail = (error: LambdaError) => {
        cleanup();
        void worker.terminate();
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
      const onExit = (code: number) =>
        fail({ errorType: 'Runtime.ExitError', errorMessage: `Runtime exited during init with exit status ${code}` });
      const cleanup = () => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
    });
  }

  /** Whether the environment can take another invocation. */
  get alive(): boolean {
    return !this.exited;
  }

  /**
   * Runs one invocation. When the function exceeds `timeoutMs`, Lambda stops it and resets the environment; here
   * the worker is terminated (the outcome is `fatal`) and the pool starts a fresh one next time.
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
        void this.worker.terminate();
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
      this.worker.postMessage(message);
    });
  }

  /** Ends the environment. */
  async terminate(): Promise<void> {
    if (this.exited) return;
    await this.worker.terminate();
  }
}
