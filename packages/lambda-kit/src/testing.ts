import type { Context } from 'aws-lambda';
import type { HttpEvent } from './http-handler';

/** Test support: a payload-2.0 event as HTTP API sends it, with JWT claims in the string form HTTP API uses. */
export function httpEvent(options: {
  method: string;
  path: string;
  routePath?: string;
  pathParameters?: Record<string, string>;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string;
  claims?: Record<string, string> | null;
  isBase64Encoded?: boolean;
}): HttpEvent {
  const routeKey = `${options.method} ${options.routePath ?? options.path}`;
  const rawQueryString = new URLSearchParams(options.query ?? {}).toString();
  return {
    version: '2.0',
    routeKey,
    rawPath: options.path,
    rawQueryString,
    headers: { host: 'localhost', ...(options.headers ?? {}) },
    ...(options.query ? { queryStringParameters: options.query } : {}),
    ...(options.pathParameters ? { pathParameters: options.pathParameters } : {}),
    ...(options.body !== undefined ? { body: options.body } : {}),
    isBase64Encoded: options.isBase64Encoded ?? false,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: options.method,
        path: options.path,
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'test',
      },
      requestId: `req-${Math.random().toString(36).slice(2)}`,
      routeKey,
      stage: '$default',
      time: '27/Nov/2026:10:00:00 +0000',
      timeEpoch: 1_795_000_000_000,
      authorizer:
        options.claims === null
          ? (undefined as unknown as HttpEvent['requestContext']['authorizer'])
          : { principalId: '', integrationLatency: 0, jwt: { claims: options.claims ?? {}, scopes: [] } },
    },
  };
}

/** Claims of a dev user, shaped as HTTP API passes a Cognito ID token's claims to Lambda. */
export function claimsFor(user: { sub: string; username?: string; roles: string[]; opdId?: string }) {
  return {
    sub: user.sub,
    'cognito:username': user.username ?? user.sub,
    'cognito:groups': `[${user.roles.join(' ')}]`,
    ...(user.opdId ? { 'custom:opdId': user.opdId } : {}),
    token_use: 'id',
  };
}

/** A minimal Lambda context for direct invocations in tests. */
export function lambdaContext(functionName = 'test'): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:ap-southeast-3:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: `aws-${Math.random().toString(36).slice(2)}`,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'test',
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
