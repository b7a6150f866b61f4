/** An error as Lambda reports it in an invoke response (`errorType`, `errorMessage`, `trace`). */
export interface LambdaError {
  readonly errorType: string;
  readonly errorMessage: string;
  readonly trace?: readonly string[];
}

/** The outcome of one invocation: the handler's JSON result, or the error Lambda would report. */
export type InvokeResult =
  | { readonly ok: true; readonly payload: unknown; readonly requestId: string }
  | { readonly ok: false; readonly error: LambdaError; readonly requestId: string };

/** What the worker needs to build a Lambda `Context` for one invocation (functions cannot cross processes). */
export interface InvocationDescriptor {
  readonly functionName: string;
  readonly functionVersion: string;
  readonly invokedFunctionArn: string;
  readonly memoryLimitInMB: string;
  readonly awsRequestId: string;
  readonly logGroupName: string;
  readonly logStreamName: string;
  /** Epoch milliseconds at which the function times out. */
  readonly deadline: number;
  /** The X-Ray trace header Lambda puts in `_X_AMZN_TRACE_ID` for the invocation. */
  readonly traceId: string;
}

/** Host → environment process. The event travels as JSON text, as Lambda passes it (no shared object identity). */
export interface InvokeMessage {
  readonly type: 'invoke';
  readonly id: number;
  readonly event: string;
  readonly context: InvocationDescriptor;
}

/** Environment process → host. `fatal` precedes the exit of a process an uncaught error ended. */
export type WorkerMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'fatal'; readonly error: LambdaError }
  | { readonly type: 'init-error'; readonly error: LambdaError }
  | { readonly type: 'result'; readonly id: number; readonly ok: true; readonly payload: string }
  | { readonly type: 'result'; readonly id: number; readonly ok: false; readonly error: LambdaError };

/** What the environment process is started with (its first argument, as JSON). */
export interface WorkerData {
  readonly entryPath: string;
  readonly handlerName: string;
}

/** Serializes a thrown value the way the Node.js Lambda runtime reports it. */
export function toLambdaError(error: unknown): LambdaError {
  if (error instanceof Error) {
    return {
      errorType: error.name || error.constructor.name || 'Error',
      errorMessage: error.message,
      trace: (error.stack ?? '').split('\n'),
    };
  }
  return { errorType: typeof error, errorMessage: String(error) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isLambdaError(value: unknown): value is LambdaError {
  return isRecord(value) && typeof value.errorType === 'string' && typeof value.errorMessage === 'string';
}

/** Narrows a message from an environment process (our own code on the other side, but checked rather than cast). */
export function isWorkerMessage(value: unknown): value is WorkerMessage {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'ready':
      return true;
    case 'init-error':
    case 'fatal':
      return isLambdaError(value.error);
    case 'result':
      return (
        typeof value.id === 'number' &&
        ((value.ok === true && typeof value.payload === 'string') || (value.ok === false && isLambdaError(value.error)))
      );
    default:
      return false;
  }
}

/** Narrows a message from the host. */
export function isInvokeMessage(value: unknown): value is InvokeMessage {
  return (
    isRecord(value) &&
    value.type === 'invoke' &&
    typeof value.id === 'number' &&
    typeof value.event === 'string' &&
    isRecord(value.context)
  );
}

/** Thrown (rejected) when an environment cannot run an invocation: carries the error Lambda would report. */
export class LambdaInvokeError extends Error {
  override readonly name = 'LambdaInvokeError';

  constructor(readonly lambdaError: LambdaError) {
    super(`${lambdaError.errorType}: ${lambdaError.errorMessage}`);
  }
}
