import { resolve } from 'node:path';
import { FUNCTION_DEFAULTS, type ServiceManifest } from '@inovda/manifest';
import type { LocalFaults } from '../faults/switchboard';
import { awsRegionOf } from '../local-region';
import type { LocalLogger } from '../log';
import { functionArn, functionNameFor } from '../naming';
import { type LambdaEnvironmentInput, lambdaEnvironment } from './environment';
import { LambdaFunction, type LambdaFunctionStats } from './function';
import type { InvokeResult } from './invocation';

/** Every function of every service, and how their environments are built. */
export interface FunctionsOptions extends LambdaEnvironmentInput {
  readonly services: readonly ServiceManifest[];
  readonly log: LocalLogger;
  /** Execution environments per function (default 4). */
  readonly maxConcurrency?: number;
  /**
   * Limit on a cold start's init. Lambda allows 10 s; the local default is 30 s because tsx transpiles a module
   * graph on its first import, which AWS does at build time.
   */
  readonly initTimeoutMs?: number;
  /** Where the `environment-killed` fault is read and its kills counted. */
  readonly faults?: Pick<LocalFaults, 'get' | 'acted'>;
}

/** Every function of every service, addressable as `<service>/<function>`. */
export class LocalFunctions {
  private readonly byId = new Map<string, LambdaFunction>();

  constructor(options: FunctionsOptions) {
    const awsRegion = awsRegionOf(options.region);
    for (const manifest of options.services) {
      for (const fn of manifest.functions) {
        const functionName = functionNameFor(options.region.id, manifest, fn);
        const id = `${manifest.name}/${fn.name}`;
        this.byId.set(
          id,
          new LambdaFunction({
            id,
            functionName,
            functionArn: functionArn(awsRegion, functionName),
            entryPath: resolve(manifest.root, fn.entry),
            handlerName: 'handler',
            env: lambdaEnvironment(options, manifest, fn),
            timeoutMs: (fn.timeoutSeconds ?? FUNCTION_DEFAULTS.timeoutSeconds) * 1000,
            memoryMb: fn.memoryMb ?? FUNCTION_DEFAULTS.memoryMb,
            maxConcurrency: options.maxConcurrency ?? 4,
            initTimeoutMs: options.initTimeoutMs ?? 30_000,
            log: options.log,
            ...(options.faults ? { faults: options.faults } : {}),
          }),
        );
      }
    }
  }

  /** The function `<service>/<function>`; throws for an unknown id (a wiring bug). */
  get(id: string): LambdaFunction {
    const fn = this.byId.get(id);
    if (!fn) throw new Error(`unknown function ${id}`);
    return fn;
  }

  /** Invokes `<service>/<function>` synchronously. */
  invoke(id: string, event: unknown): Promise<InvokeResult> {
    return this.get(id).invoke(event);
  }

  /** Counters of every function. */
  stats(): LambdaFunctionStats[] {
    return [...this.byId.values()].map((fn) => fn.stats());
  }

  /** Number of functions. */
  get size(): number {
    return this.byId.size;
  }

  /** Terminates every execution environment. */
  async stop(): Promise<void> {
    await Promise.all([...this.byId.values()].map((fn) => fn.stop()));
  }
}
