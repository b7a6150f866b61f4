import { resolve } from 'node:path';
import { FUNCTION_DEFAULTS, type FunctionSpec, functionEnvironment, type ServiceManifest } from '@inovda/manifest';
import { awsRegionOf, type LocalRegion } from '../local-region';
import type { LocalLogger } from '../log';
import { functionArn, functionNameFor } from '../naming';
import { LambdaFunction, type LambdaFunctionStats } from './function';
import type { InvokeResult } from './invocation';

/** What every function's environment is built from. */
export interface FunctionsOptions {
  readonly region: LocalRegion;
  readonly services: readonly ServiceManifest[];
  /** Table name per service name. */
  readonly tableNames: Readonly<Record<string, string>>;
  readonly eventBusName: string;
  readonly dynamoEndpoint: string;
  readonly eventBridgeEndpoint: string;
  readonly log: LocalLogger;
  /** `POWERTOOLS_LOG_LEVEL` of the handlers (default INFO). */
  readonly functionLogLevel?: string;
  /** Execution environments per function (default 4). */
  readonly maxConcurrency?: number;
  /**
   * Limit on a cold start's init. Lambda allows 10 s; the local default is 30 s because tsx transpiles a module
   * graph on its first import, which AWS does at build time.
   */
  readonly initTimeoutMs?: number;
}

/**
 * The environment of one function: the same `functionEnvironment()` the stack uses, the variables the Lambda
 * runtime sets, and, only locally, SDK endpoints and placeholder credentials through the standard `AWS_*`
 * variables (the SDK v3 reads `AWS_ENDPOINT_URL_<SERVICE>`), so handler code is unchanged.
 */
export function lambdaEnvironment(
  options: Omit<FunctionsOptions, 'services' | 'log'>,
  manifest: ServiceManifest,
  fn: FunctionSpec,
): Record<string, string> {
  const awsRegion = awsRegionOf(options.region);
  const functionName = functionNameFor(options.region.id, manifest, fn);
  const tableName = options.tableNames[manifest.name] ?? '';
  return {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    LANG: 'en_US.UTF-8',
    AWS_REGION: awsRegion,
    AWS_DEFAULT_REGION: awsRegion,
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
    AWS_LAMBDA_FUNCTION_NAME: functionName,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memoryMb ?? FUNCTION_DEFAULTS.memoryMb),
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${functionName}`,
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    LAMBDA_TASK_ROOT: manifest.root,
    _HANDLER: `${fn.entry.replace(/\.[cm]?[jt]s$/, '')}.handler`,
    POWERTOOLS_DEV: 'true',
    POWERTOOLS_LOG_LEVEL: options.functionLogLevel ?? 'INFO',
    // No X-Ray daemon locally.
    POWERTOOLS_TRACE_ENABLED: 'false',
    ...functionEnvironment({
      manifest,
      fn,
      tableName,
      eventBusName: options.eventBusName,
      regionId: options.region.id,
      opdIds: options.region.opds.map((opd) => opd.id),
      regionSettings: { stageGates: options.region.stageGates },
    }),
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_SESSION_TOKEN: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: options.dynamoEndpoint,
    AWS_ENDPOINT_URL_DYNAMODB_STREAMS: options.dynamoEndpoint,
    AWS_ENDPOINT_URL_EVENTBRIDGE: options.eventBridgeEndpoint,
  };
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
