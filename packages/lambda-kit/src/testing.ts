import { PROBLEMS, type ProblemCode } from '@inovda/kernel';
import type { Context } from 'aws-lambda';
import { expect } from 'vitest';
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
    // Cognito's standard claims: a verified address, as the user pool's sign-up requires (HTTP API passes text).
    email: `${user.username ?? user.sub}@kota-uji.inovda.test`,
    email_verified: 'true',
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

/** An HTTP response as the tests read it: status, headers, parsed JSON body. */
export interface TestResponse {
  status: number;
  headers: Record<string, string>;
  /** The JSON body (empty for a body that is not JSON). */
  body: Record<string, unknown>;
  /** The raw body, as sent (what a CSV export is read from). */
  text?: string;
}

/** Asserts a problem+json response with the catalogued status and Indonesian title of `code`. */
export function expectProblem(response: TestResponse, code: ProblemCode): void {
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({ code, status: PROBLEMS[code].status, title: PROBLEMS[code].title });
  expect(response.status).toBe(PROBLEMS[code].status);
}

/** Asserts a 4xx problem+json whose code is in the catalogue, with that code's title and status. */
export function expectWellFormedRefusal(response: TestResponse): void {
  expect(response.status).toBeGreaterThanOrEqual(400);
  expect(response.status).toBeLessThan(500);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const code = response.body.code as ProblemCode;
  expect(Object.keys(PROBLEMS)).toContain(code);
  expect(response.body.title).toBe(PROBLEMS[code].title);
  expect(response.body.status).toBe(response.status);
}

/**
 * The callers the service tests act as, with claims shaped as HTTP API passes a Cognito ID token's. One set for
 * every service, so a rule ("the coordinator of Balitbang may not approve Balitbang's innovation") reads the same
 * everywhere.
 */
export const DEV_CALLERS = {
  dinkes: claimsFor({ sub: 'sub-dinkes', username: 'opd.dinkes', roles: ['opd'], opdId: 'dinkes' }),
  capil: claimsFor({ sub: 'sub-capil', username: 'opd.disdukcapil', roles: ['opd'], opdId: 'disdukcapil' }),
  balitbang: claimsFor({ sub: 'sub-balitbang', username: 'opd.balitbang', roles: ['opd'], opdId: 'balitbang' }),
  coordinator: claimsFor({ sub: 'sub-koor', username: 'koordinator', roles: ['coordinator'], opdId: 'balitbang' }),
  // A coordinator decides only with the OPD they belong to on the token (conflict of interest); the second one
  // belongs to another unit than the first, so either can decide on the other's OPD.
  coordinator2: claimsFor({ sub: 'sub-koor2', username: 'koordinator2', roles: ['coordinator'], opdId: 'dpmptsp' }),
  /** A coordinator account whose `custom:opdId` was never set: may read, may not decide. */
  coordinatorWithoutUnit: claimsFor({ sub: 'sub-koor3', username: 'koordinator3', roles: ['coordinator'] }),
  evaluator: claimsFor({ sub: 'sub-penilai', username: 'penilai', roles: ['evaluator'] }),
  /** Evaluators from OPDs (a scorer never scores their own OPD's innovations). */
  evaluator2: claimsFor({ sub: 'sub-penilai2', username: 'penilai2', roles: ['evaluator'], opdId: 'disdukcapil' }),
  evaluator3: claimsFor({ sub: 'sub-penilai3', username: 'penilai3', roles: ['evaluator'], opdId: 'dinkes' }),
  admin: claimsFor({ sub: 'sub-admin', username: 'admin', roles: ['admin'] }),
};

/** Who a test acts as: one of {@link DEV_CALLERS}. */
export type DevCaller = keyof typeof DEV_CALLERS;

/** The OPDs of the test region: the OPDs of {@link DEV_CALLERS} and one more. */
export const TEST_REGION_OPDS = [
  { id: 'balitbang', name: 'Badan Penelitian dan Pengembangan', coordinator: true },
  { id: 'dinkes', name: 'Dinas Kesehatan', coordinator: false },
  { id: 'disdukcapil', name: 'Dinas Kependudukan dan Pencatatan Sipil', coordinator: false },
  { id: 'dpmptsp', name: 'Dinas Penanaman Modal dan PTSP', coordinator: false },
] as const;

/** Test support: an EventBridge event as a rule delivers it (into a consumer's queue). */
export function bridgeEvent(event: { source: string; detailType: string; detail: unknown; id?: string }) {
  return {
    version: '0',
    id: event.id ?? crypto.randomUUID(),
    'detail-type': event.detailType,
    source: event.source,
    account: '000000000000',
    time: new Date().toISOString(),
    region: 'ap-southeast-3',
    resources: [],
    detail: event.detail,
  };
}

/** Test support: an SQS batch as the event source mapping delivers it, one record per body (JSON-encoded). */
export function sqsBatch(bodies: readonly unknown[], receiveCount = 1) {
  return {
    Records: bodies.map((body) => {
      const messageId = crypto.randomUUID();
      return {
        messageId,
        receiptHandle: `receipt-${messageId}`,
        body: typeof body === 'string' ? body : JSON.stringify(body),
        attributes: {
          ApproximateReceiveCount: String(receiveCount),
          SentTimestamp: String(Date.now()),
          SenderId: 'AROAEVENTBRIDGE',
          ApproximateFirstReceiveTimestamp: String(Date.now()),
        },
        messageAttributes: {},
        md5OfBody: '',
        eventSource: 'aws:sqs',
        eventSourceARN: 'arn:aws:sqs:ap-southeast-3:000000000000:inovda-kota-uji-test-consumer',
        awsRegion: 'ap-southeast-3',
      };
    }),
  };
}
