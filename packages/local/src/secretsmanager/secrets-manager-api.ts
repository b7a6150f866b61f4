import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { errorMessage } from '../errors';
import { closeServer, listen, readBody, sendJson } from '../http-io';
import type { LocalLogger } from '../log';
import { SecretStore, type SecretStoreOptions } from './secret-store';
import { SecretsManagerError } from './secrets-manager-error';

/** The local Secrets Manager endpoint. */
export interface SecretsManagerApi {
  /** `http://127.0.0.1:<port>`: what `AWS_ENDPOINT_URL_SECRETS_MANAGER` points at. */
  readonly endpoint: string;
  readonly store: SecretStore;
  stop(): Promise<void>;
}

// A secret value is at most 64 KB; this only guards against runaway bodies.
const MAX_BODY_BYTES = 1024 * 1024;
const CONTENT_TYPE = 'application/x-amz-json-1.1';
const TARGET_PREFIX = 'secretsmanager.';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function operation(store: SecretStore, target: string, input: Record<string, unknown>): unknown {
  switch (target) {
    case `${TARGET_PREFIX}CreateSecret`:
      return store.create(input);
    case `${TARGET_PREFIX}GetSecretValue`:
      return store.getValue(input);
    case `${TARGET_PREFIX}PutSecretValue`:
      return store.putValue(input);
    case `${TARGET_PREFIX}UpdateSecretVersionStage`:
      return store.updateVersionStage(input);
    case `${TARGET_PREFIX}DescribeSecret`:
      return store.describe(input);
    case `${TARGET_PREFIX}DeleteSecret`:
      return store.delete(input);
    case `${TARGET_PREFIX}ListSecrets`:
      return store.list(input);
    default:
      throw new SecretsManagerError(
        'UnknownOperationException',
        `${target} is not supported by the local Secrets Manager`,
      );
  }
}

async function handle(store: SecretStore, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const headers = { 'content-type': CONTENT_TYPE, 'x-amzn-requestid': randomUUID() };
  try {
    const target = request.headers['x-amz-target'];
    if (request.method !== 'POST' || typeof target !== 'string') {
      throw new SecretsManagerError(
        'UnknownOperationException',
        'expected a POST with X-Amz-Target (AWS JSON 1.1 protocol)',
      );
    }
    const body = await readBody(request, MAX_BODY_BYTES);
    if (body === 'too-large') throw new SecretsManagerError('ValidationException', 'Request is too large.', 413);
    let input: unknown = {};
    if (body.length > 0) {
      try {
        input = JSON.parse(body.toString('utf8'));
      } catch {
        throw new SecretsManagerError('SerializationException', 'Request body is not valid JSON.');
      }
    }
    if (!isRecord(input))
      throw new SecretsManagerError('SerializationException', 'Request body must be a JSON object.');
    sendJson(response, 200, operation(store, target, input), headers);
  } catch (error) {
    // The AWS JSON protocol's error shape: `__type` (the SDK maps it to the exception class) and the message, which
    // Secrets Manager sends as `Message`.
    if (error instanceof SecretsManagerError) {
      sendJson(response, error.status, { __type: error.type, Message: error.message }, headers);
    } else {
      sendJson(response, 500, { __type: 'InternalServiceError', Message: errorMessage(error) }, headers);
    }
  }
}

/**
 * Serves Secrets Manager's JSON 1.1 protocol (`X-Amz-Target: secretsmanager.<Operation>`) on its own loopback
 * port, so the real `@aws-sdk/client-secrets-manager` client works unchanged against it: CreateSecret,
 * GetSecretValue, PutSecretValue, UpdateSecretVersionStage, DescribeSecret, DeleteSecret and ListSecrets, with the semantics of
 * {@link SecretStore}. Signatures are not checked (any credentials are accepted). Secrets persist in `file` when
 * given (the platform's data dir), in memory otherwise.
 */
export async function startSecretsManagerApi(
  options: SecretStoreOptions & { readonly log: LocalLogger; readonly port?: number },
): Promise<SecretsManagerApi> {
  const store = new SecretStore(options);
  const server = createServer((request, response) => {
    handle(store, request, response).catch((error: unknown) => {
      options.log.error(`local Secrets Manager: ${errorMessage(error)}`);
      if (!response.headersSent) sendJson(response, 500, { __type: 'InternalServiceError', Message: 'internal error' });
    });
  });
  const port = await listen(server, options.port ?? 0);
  return { endpoint: `http://127.0.0.1:${port}`, store, stop: () => closeServer(server) };
}
