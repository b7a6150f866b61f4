import { randomBytes, randomUUID } from 'node:crypto';
import type { LocalFaults } from '../faults/switchboard';
import type { EnvironmentKilledFault } from '../faults/switches';
import type { LocalLogger } from '../log';
import { FunctionWorker } from './execution-environment';
import { type InvocationDescriptor, type InvokeResult, type LambdaError, LambdaInvokeError } from './invocation';

/** Everything needed to run one manifest function locally. */
export interface LambdaFunctionSpec {
  /** `<service>/<function>`, used in logs and the API. */
  readonly id: string;
  readonly functionName: string;
  readonly functionArn: string;
  readonly entryPath: string;
  readonly handlerName: string;
  readonly env: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly memoryMb: number;
  /** Execution environments allowed at once; further invocations wait (Lambda would scale out further). */
  readonly maxConcurrency: number;
  readonly initTimeoutMs: number;
  readonly log: LocalLogger;
  /** Where the `environment-killed` fault is read, at each invocation, and its kills counted. */
  readonly faults?: Pick<LocalFaults, 'get' | 'acted'>;
}

/** Counters for `/health`. */
export interface LambdaFunctionStats {
  readonly id: string;
  readonly environments: number;
  readonly busy: number;
  readonly coldStarts: number;
  readonly invocations: number;
  readonly errors: number;
}

function traceId(): string {
  const epochHex = Math.floor(Date.now() / 1000).toString(16);
  return `Root=1-${epochHex}-${randomBytes(12).toString('hex')};Parent=${randomBytes(8).toString('hex')};Sampled=0`;
}

function logStreamName(): string {
  const day = new Date().toISOString().slice(0, 10).replaceAll('-', '/');
  return `${day}/[$LATEST]${randomBytes(16).toString('hex')}`;
}

/**
 * A function with its pool of execution environments (one process each, see function-worker.ts). Environments
 * start lazily on the first invocation that finds none idle (a cold start), are reused while warm, and are killed
 * after a timeout or crash, as Lambda resets an environment then.
 */
export class LambdaFunction {
  private readonly idle: Array<{ worker: FunctionWorker; logStream: string }> = [];
  private readonly waiting: Array<() => void> = [];
  private environments = 0;
  private busy = 0;
  private coldStarts = 0;
  private invocations = 0;
  private errors = 0;
  private stopped = false;
  private readonly all = new Set<FunctionWorker>();
  /** Aborted by `stop()`: kills environments still in their init phase. */
  private readonly stopping = new AbortController();
  /** The kill fault's settings last seen, and how many matching invocations it has seen (it counts per setting). */
  private killSeen: { settings: EnvironmentKilledFault; invocations: number } | undefined;

  constructor(readonly spec: LambdaFunctionSpec) {}

  /** Invokes the function synchronously (RequestResponse) with a JSON-serializable event. */
  async invoke(event: unknown): Promise<InvokeResult> {
    const requestId = randomUUID();
    this.invocations++;
    if (this.stopped) return this.failed(requestId, { errorType: 'Runtime.Stopped', errorMessage: 'runtime stopped' });
    let environment: { worker: FunctionWorker; logStream: string };
    try {
      environment = await this.acquire();
    } catch (error) {
      return this.failed(
        requestId,
        error instanceof LambdaInvokeError ? error.lambdaError : { errorType: 'Error', errorMessage: String(error) },
      );
    }
    const descriptor: InvocationDescriptor = {
      functionName: this.spec.functionName,
      functionVersion: '$LATEST',
      invokedFunctionArn: this.spec.functionArn,
      memoryLimitInMB: String(this.spec.memoryMb),
      awsRequestId: requestId,
      logGroupName: `/aws/lambda/${this.spec.functionName}`,
      logStreamName: environment.logStream,
      deadline: Date.now() + this.spec.timeoutMs,
      traceId: traceId(),
    };
    this.spec.log.debug(`[${this.spec.id}] START RequestId: ${requestId}`);
    const killDelay = this.killDelay();
    const kill =
      killDelay === undefined
        ? undefined
        : setTimeout(() => {
            this.spec.log.warn(`[${this.spec.id}] ${requestId} environment killed (fault environment-killed)`);
            this.spec.faults?.acted('environment-killed');
            void environment.worker.terminate();
          }, killDelay);
    const outcome = await environment.worker.invoke(JSON.stringify(event) ?? 'null', descriptor, this.spec.timeoutMs);
    clearTimeout(kill);
    this.spec.log.debug(`[${this.spec.id}] END RequestId: ${requestId}`);
    this.release(environment, outcome.ok || !outcome.fatal);
    if (outcome.ok) return { ok: true, payload: outcome.payload, requestId };
    return this.failed(requestId, outcome.error);
  }

  /** Current counters. */
  stats(): LambdaFunctionStats {
    return {
      id: this.spec.id,
      environments: this.environments,
      busy: this.busy,
      coldStarts: this.coldStarts,
      invocations: this.invocations,
      errors: this.errors,
    };
  }

  /** Terminates every environment; waiting invocations fail. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.stopping.abort();
    for (const wake of this.waiting.splice(0)) wake();
    // Bounded: each environment is SIGKILLed, and `terminate()` waits for its exit only so long.
    await Promise.all([...this.all].map((worker) => worker.terminate()));
    this.all.clear();
    this.idle.length = 0;
  }

  /** When the `environment-killed` fault kills this invocation's environment (ms after its start), if it does. */
  private killDelay(): number | undefined {
    const fault = this.spec.faults?.get('environment-killed');
    if (!fault || (fault.functions && !fault.functions.includes(this.spec.id))) return undefined;
    if (this.killSeen?.settings !== fault) this.killSeen = { settings: fault, invocations: 0 };
    const index = this.killSeen.invocations++;
    if (index % (fault.everyNth ?? 1) !== 0) return undefined;
    return Math.floor(Math.random() * (fault.withinMs ?? 50));
  }

  private failed(requestId: string, error: LambdaError): InvokeResult {
    this.errors++;
    if (error.errorType === 'Runtime.Stopped') return { ok: false, error, requestId };
    this.spec.log.error(`[${this.spec.id}] ${requestId} ${error.errorType}: ${error.errorMessage}`);
    return { ok: false, error, requestId };
  }

  private async acquire(): Promise<{ worker: FunctionWorker; logStream: string }> {
    for (;;) {
      if (this.stopped) throw new LambdaInvokeError({ errorType: 'Runtime.Stopped', errorMessage: 'runtime stopped' });
      const warm = this.idle.pop();
      if (warm?.worker.alive) {
        this.busy++;
        return warm;
      }
      if (warm) {
        this.discard(warm.worker);
        continue;
      }
      if (this.environments < this.spec.maxConcurrency) return this.coldStart();
      await new Promise<void>((wake) => this.waiting.push(wake));
    }
  }

  private async coldStart(): Promise<{ worker: FunctionWorker; logStream: string }> {
    this.environments++;
    this.busy++;
    this.coldStarts++;
    const started = Date.now();
    try {
      const worker = await FunctionWorker.start({
        entryPath: this.spec.entryPath,
        handlerName: this.spec.handlerName,
        env: this.spec.env,
        initTimeoutMs: this.spec.initTimeoutMs,
        onOutput: (line) => this.spec.log.info(`[${this.spec.id}] ${line}`),
        signal: this.stopping.signal,
      });
      this.all.add(worker);
      this.spec.log.debug(`[${this.spec.id}] cold start, init ${Date.now() - started} ms`);
      return { worker, logStream: logStreamName() };
    } catch (error) {
      this.environments--;
      this.busy--;
      this.wakeOne();
      throw error;
    }
  }

  private release(environment: { worker: FunctionWorker; logStream: string }, reusable: boolean): void {
    this.busy--;
    if (reusable && environment.worker.alive && !this.stopped) {
      this.idle.push(environment);
    } else {
      this.discard(environment.worker);
    }
    this.wakeOne();
  }

  private discard(worker: FunctionWorker): void {
    this.environments--;
    this.all.delete(worker);
    void worker.terminate();
  }

  private wakeOne(): void {
    this.waiting.shift()?.();
  }
}
