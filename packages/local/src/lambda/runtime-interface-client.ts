/**
 * The process side of a local Lambda: one child process is one execution environment. It imports the handler
 * module once (the init phase, a cold start), then serves one invocation at a time, like the Node.js runtime
 * interface client does in AWS. Results and errors cross back as JSON, as Lambda serializes them.
 */
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { createLambdaContext } from './context';
import {
  type InvokeMessage,
  isInvokeMessage,
  type LambdaError,
  toLambdaError,
  type WorkerData,
  type WorkerMessage,
} from './invocation';

type Handler = (event: unknown, context: Context) => unknown;

function isWorkerData(value: unknown): value is WorkerData {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Record<string, unknown>).entryPath === 'string' &&
    typeof (value as Record<string, unknown>).handlerName === 'string'
  );
}

function post(message: WorkerMessage, then?: () => void): void {
  if (!process.send) throw new Error('lambda-runtime must be started with an IPC channel (child_process.fork)');
  process.send(message, undefined, {}, () => then?.());
}

function parseWorkerData(argument: string | undefined): unknown {
  try {
    return JSON.parse(argument ?? '');
  } catch {
    return undefined;
  }
}

async function loadHandler(data: WorkerData): Promise<Handler | LambdaError> {
  let module: Record<string, unknown>;
  try {
    module = await import(pathToFileURL(data.entryPath).href);
  } catch (error) {
    const cause = toLambdaError(error);
    // The runtime reports a module that fails to load this way (the cause's type is kept in the message).
    return {
      errorType: 'Runtime.ImportModuleError',
      errorMessage: `${cause.errorType}: ${cause.errorMessage}`,
      ...(cause.trace ? { trace: cause.trace } : {}),
    };
  }
  const handler = module[data.handlerName];
  if (typeof handler !== 'function') {
    return {
      errorType: 'Runtime.HandlerNotFound',
      errorMessage: `${basename(data.entryPath)}.${data.handlerName} is undefined or not exported`,
    };
  }
  return (event, context) => handler(event, context);
}

async function invoke(handler: Handler, message: InvokeMessage): Promise<void> {
  process.env._X_AMZN_TRACE_ID = message.context.traceId;
  try {
    const result = await handler(JSON.parse(message.event), createLambdaContext(message.context));
    // Lambda returns `null` for an undefined result.
    post({ type: 'result', id: message.id, ok: true, payload: JSON.stringify(result) ?? 'null' });
  } catch (error) {
    post({ type: 'result', id: message.id, ok: false, error: toLambdaError(error) });
  }
}

/** An uncaught exception or unhandled rejection ends the environment, as it ends the Lambda runtime process. */
function exitOnUncaught(error: unknown): void {
  console.error(error);
  post({ type: 'fatal', error: toLambdaError(error) }, () => process.exit(1));
  // Exit even when the host is gone and the message can never be sent.
  setTimeout(() => process.exit(1), 1_000).unref();
}

async function main(): Promise<void> {
  const workerData = parseWorkerData(process.argv[2]);
  if (!isWorkerData(workerData)) throw new Error('lambda-runtime started without entryPath/handlerName');
  process.on('uncaughtException', exitOnUncaught);
  // The host went away (it stopped or was killed): so does the environment.
  process.on('disconnect', () => process.exit(0));
  const loaded = await loadHandler(workerData);
  if (typeof loaded !== 'function') {
    post({ type: 'init-error', error: loaded });
    return;
  }
  process.on('message', (message: unknown) => {
    if (isInvokeMessage(message)) void invoke(loaded, message);
  });
  post({ type: 'ready' });
}

await main();
