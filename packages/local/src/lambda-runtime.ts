/**
 * The worker side of a local Lambda: one worker thread is one execution environment. It imports the handler
 * module once (the init phase, a cold start), then serves one invocation at a time, like the Node.js runtime
 * interface client does in AWS. Results and errors cross back as JSON, as Lambda serializes them.
 */
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import type { Context } from 'aws-lambda';
import {
  type InvokeMessage,
  isInvokeMessage,
  type LambdaError,
  toLambdaError,
  type WorkerData,
  type WorkerMessage,
} from './invocation';
import { createLambdaContext } from './lambda-context';

type Handler = (event: unknown, context: Context) => unknown;

function isWorkerData(value: unknown): value is WorkerData {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Record<string, unknown>).entryPath === 'string' &&
    typeof (value as Record<string, unknown>).handlerName === 'string'
  );
}

function post(message: WorkerMessage): void {
  parentPort?.postMessage(message);
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

async function main(): Promise<void> {
  if (!isWorkerData(workerData)) throw new Error('lambda-runtime started without entryPath/handlerName');
  const loaded = await loadHandler(workerData);
  if (typeof loaded !== 'function') {
    post({ type: 'init-error', error: loaded });
    return;
  }
  parentPort?.on('message', (message: unknown) => {
    if (isInvokeMessage(message)) void invoke(loaded, message);
  });
  post({ type: 'ready' });
}

await main();
