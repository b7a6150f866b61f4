import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { errorMessage } from '../errors';
import { InvalidEventPatternError, testEventPattern, validateEventPattern } from '../event-pattern';
import type { LocalFaults } from '../faults/switchboard';
import { closeServer, listen, readBody, sendJson } from '../http-io';
import type { LocalLogger } from '../log';
import { archiveReplayOperation, isArchiveReplayTarget, toAwsJson } from './archive-replay-api';
import type { EventBus } from './bus';
import { EventBridgeError } from './eventbridge-error';
import { PutEventsValidationError } from './put-events';
import { PutEventsThrottledError, putEventsWithFault } from './put-events-faults';
import type { Replays } from './replays';

/** The local EventBridge endpoint. */
export interface PutEventsApi {
  /** `http://127.0.0.1:<port>`: what `AWS_ENDPOINT_URL_EVENTBRIDGE` points at. */
  readonly endpoint: string;
  stop(): Promise<void>;
}

// Far above any valid call (entries total at most 256 KB); only a guard against runaway bodies.
const MAX_BODY_BYTES = 1024 * 1024;
const CONTENT_TYPE = 'application/x-amz-json-1.1';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseJsonText(text: unknown, field: string): unknown {
  if (typeof text !== 'string') throw new EventBridgeError('ValidationException', `Parameter ${field} is required.`);
  try {
    return JSON.parse(text);
  } catch {
    throw new EventBridgeError('ValidationException', `Parameter ${field} is not valid JSON.`);
  }
}

/** What the endpoint serves: the bus, its faults and (when the bus has an archive) its replays. */
interface Served {
  readonly bus: EventBus;
  readonly faults: Pick<LocalFaults, 'get' | 'acted'> | undefined;
  readonly replays: Replays | undefined;
}

function operation({ bus, faults, replays }: Served, target: string, input: Record<string, unknown>): unknown {
  if (replays && isArchiveReplayTarget(target)) return toAwsJson(archiveReplayOperation(replays, target, input));
  switch (target) {
    case 'AWSEvents.PutEvents': {
      const fault = faults?.get('put-events');
      try {
        const result = putEventsWithFault(bus, Array.isArray(input.Entries) ? input.Entries : [], fault);
        if (fault && result.FailedEntryCount > 0) faults?.acted('put-events');
        return result;
      } catch (error) {
        if (error instanceof PutEventsThrottledError) faults?.acted('put-events');
        throw error;
      }
    }
    case 'AWSEvents.TestEventPattern': {
      const pattern = parseJsonText(input.EventPattern, 'EventPattern');
      const event = parseJsonText(input.Event, 'Event');
      try {
        validateEventPattern(pattern);
      } catch (error) {
        if (error instanceof InvalidEventPatternError) {
          throw new EventBridgeError(
            'InvalidEventPatternException',
            `Event pattern is not valid. Reason: ${error.message}`,
          );
        }
        throw error;
      }
      return { Result: testEventPattern(event, pattern) };
    }
    case 'AWSEvents.ListRules': {
      const prefix = typeof input.NamePrefix === 'string' ? input.NamePrefix : '';
      return { Rules: bus.rules().filter((rule) => rule.Name.startsWith(prefix)) };
    }
    default:
      throw new EventBridgeError('UnknownOperationException', `${target} is not supported by the local EventBridge`);
  }
}

async function handle(served: Served, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const requestId = randomUUID();
  const headers = { 'content-type': CONTENT_TYPE, 'x-amzn-requestid': requestId };
  try {
    const target = request.headers['x-amz-target'];
    if (request.method !== 'POST' || typeof target !== 'string') {
      throw new EventBridgeError(
        'UnknownOperationException',
        'expected a POST with X-Amz-Target (AWS JSON 1.1 protocol)',
      );
    }
    const body = await readBody(request, MAX_BODY_BYTES);
    if (body === 'too-large') throw new EventBridgeError('ValidationException', 'Request is too large.', 413);
    let input: unknown = {};
    if (body.length > 0) {
      try {
        input = JSON.parse(body.toString('utf8'));
      } catch {
        throw new EventBridgeError('SerializationException', 'Request body is not valid JSON.');
      }
    }
    if (!isRecord(input)) throw new EventBridgeError('SerializationException', 'Request body must be a JSON object.');
    sendJson(response, 200, operation(served, target, input), headers);
  } catch (error) {
    // The AWS JSON protocol error shape: `__type` plus `message`; the SDK maps `__type` to its exception class.
    if (error instanceof EventBridgeError) {
      sendJson(response, error.status, { __type: error.type, message: error.message }, headers);
    } else if (error instanceof PutEventsThrottledError) {
      sendJson(response, 400, { __type: 'ThrottlingException', message: error.message }, headers);
    } else if (error instanceof PutEventsValidationError) {
      sendJson(response, 400, { __type: 'ValidationException', message: error.message }, headers);
    } else {
      sendJson(response, 500, { __type: 'InternalException', message: errorMessage(error) }, headers);
    }
  }
}

/**
 * Serves the EventBridge JSON protocol (`X-Amz-Target: AWSEvents.PutEvents`, `application/x-amz-json-1.1`) on its
 * own port, so the real `@aws-sdk/client-eventbridge` client works unchanged against it. Also answers
 * `TestEventPattern` and `ListRules`, and, given `replays`, `DescribeArchive`, `ListArchives`, `StartReplay`,
 * `DescribeReplay`, `ListReplays` and `CancelReplay`. Signatures are not checked (any credentials are accepted).
 * The `put-events` fault, when on, acts here: on what the functions' SDK clients see.
 */
export async function startPutEventsApi(
  bus: EventBus,
  log: LocalLogger,
  port = 0,
  faults?: Pick<LocalFaults, 'get' | 'acted'>,
  replays?: Replays,
): Promise<PutEventsApi> {
  const served: Served = { bus, faults, replays };
  const server = createServer((request, response) => {
    handle(served, request, response).catch((error: unknown) => {
      log.error(`local EventBridge: ${errorMessage(error)}`);
      if (!response.headersSent) sendJson(response, 500, { __type: 'InternalException', message: 'internal error' });
    });
  });
  const actualPort = await listen(server, port);
  return { endpoint: `http://127.0.0.1:${actualPort}`, stop: () => closeServer(server) };
}
