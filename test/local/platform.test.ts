import { APIGatewayProxyEventV2Schema } from '@aws-lambda-powertools/parser/schemas/api-gatewayv2';
import { DynamoDBStreamSchema } from '@aws-lambda-powertools/parser/schemas/dynamodb';
import { EventBridgeSchema } from '@aws-lambda-powertools/parser/schemas/eventbridge';
import { type DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { CreateSecretCommand, GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import {
  type EventBridgeEvent,
  formatBanner,
  LOCAL_CLIENT_ID,
  type LocalPlatform,
  type SeedContext,
  silentLogger,
  startLocalPlatform,
} from '@inovda/local';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDynamoClient } from '../../packages/local/src/dynamodb/clients';
import type { DynamoLocal } from '../../packages/local/src/dynamodb/dynamodb-local';
import { FIXTURE_SOURCE, fixtureManifest } from './fixtures/manifest';
import { uniquePrefix, useDynamoLocal } from './helpers/dynamo';
import { testRegion } from './helpers/region';
import { waitFor } from './helpers/wait';

describe('the local platform, running a fixture service', () => {
  let dynamoLocal: DynamoLocal;
  let platform: LocalPlatform;
  let dynamo: DynamoDBClient;
  let token: string;
  const seeded: SeedContext[] = [];
  const healthWhileSeeding: Array<{ status: number; body: Record<string, unknown> }> = [];

  beforeAll(async () => {
    dynamoLocal = await useDynamoLocal();
    platform = await startLocalPlatform({
      region: testRegion,
      services: [fixtureManifest],
      port: 0,
      inMemory: true,
      dynamoEndpoint: dynamoLocal.endpoint,
      tablePrefix: uniquePrefix(),
      log: silentLogger,
      retryBaseDelayMs: 5,
      // Longer than an invocation takes, a cold start on a busy machine included: a shorter one hands a message to a
      // second batch while the first still runs (as SQS would; why AWS asks for 6 × the function timeout).
      consumerQueues: { visibilityTimeoutMs: 1_500, maxReceiveCount: 3 },
      streamPollIntervalMs: 50,
      functionLogLevel: 'SILENT',
      openApi: () => ({ openapi: '3.1.0', info: { title: 'fixture', version: '1' }, paths: {} }),
      seed: async (context) => {
        seeded.push(context);
        const response = await fetch(`${context.url}/health`);
        healthWhileSeeding.push({ status: response.status, body: (await response.json()) as Record<string, unknown> });
      },
    });
    dynamo = localDynamoClient(dynamoLocal.endpoint, 'ap-southeast-3');
    token = await platform.tokenFor('opd.dinkes');
  }, 120_000);

  afterAll(async () => {
    dynamo?.destroy();
    await platform?.stop();
    await dynamoLocal?.stop();
  });

  const api = (path: string, init: RequestInit = {}, bearer: string | null = token) =>
    fetch(`${platform.url}${path}`, {
      ...init,
      headers: {
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
        ...(init.headers as Record<string, string>),
      },
    });

  async function items(pk: string): Promise<Array<Record<string, { S?: string }>>> {
    const result = await dynamo.send(
      new QueryCommand({
        TableName: platform.tableNames.fixture,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': { S: pk } },
        ConsistentRead: true,
      }),
    );
    return (result.Items ?? []) as Array<Record<string, { S?: string }>>;
  }

  async function echo(path: string, init: RequestInit = {}) {
    const response = await api(path, init);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { event: unknown };
    return { response, event: APIGatewayProxyEventV2Schema.parse(body.event) };
  }

  it('says it is ready only once the demo data is in', async () => {
    expect(healthWhileSeeding).toEqual([{ status: 503, body: expect.objectContaining({ status: 'starting' }) }]);
    const after = await fetch(`${platform.url}/health`);
    expect(after.status).toBe(200);
    expect(await after.json()).toMatchObject({ status: 'ok', demoData: 'in' });
  });

  it('seeds once it is up (always, in memory)', async () => {
    expect(seeded).toHaveLength(1);
    expect(seeded[0]?.url).toBe(platform.url);
    expect(await seeded[0]?.tokenFor('admin')).toEqual(expect.any(String));
  });

  it('hands the function a payload-2.0 event with the JWT claims as HTTP API formats them', async () => {
    const { response, event } = await echo('/echo/01ABC?status=draft&status=registered');
    expect(event.routeKey).toBe('GET /echo/{id}');
    expect(event.pathParameters).toEqual({ id: '01ABC' });
    expect(event.queryStringParameters).toEqual({ status: 'draft,registered' });
    expect(event.requestContext.requestId).toBe(response.headers.get('apigw-requestid'));
    const claims = event.requestContext.authorizer?.jwt?.claims ?? {};
    expect(claims).toMatchObject({
      'cognito:groups': '[opd]',
      'cognito:username': 'opd.dinkes',
      'custom:opdId': 'dinkes',
      token_use: 'id',
      iss: `${platform.url}/local`,
      aud: LOCAL_CLIENT_ID,
      email_verified: 'true',
    });
    for (const value of Object.values(claims)) expect(typeof value).toBe('string');
    expect(Number(claims.exp) - Number(claims.iat)).toBe(12 * 60 * 60);
  });

  it('routes the most specific match: literal over variable, greedy for the rest', async () => {
    expect((await echo('/echo/special')).event.routeKey).toBe('GET /echo/special');
    expect((await echo('/files/reports/2024/q1.pdf')).event.pathParameters).toEqual({ proxy: 'reports/2024/q1.pdf' });
  });

  it('base64-encodes a form post body, passes JSON as text', async () => {
    const form = await echo('/echo', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'name=Jemput+Bola&opdId=dinkes',
    });
    expect(form.event.isBase64Encoded).toBe(true);
    expect(Buffer.from(form.event.body ?? '', 'base64').toString()).toBe('name=Jemput+Bola&opdId=dinkes');
    const json = await echo('/echo', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"a":1}',
    });
    expect(json.event).toMatchObject({ isBase64Encoded: false, body: '{"a":1}' });
  });

  it('answers as HTTP API does without a valid token, for an unknown route, and when the function fails', async () => {
    const noToken = await api('/echo/1', {}, null);
    expect(noToken.status).toBe(401);
    expect(await noToken.text()).toBe('{"message":"Unauthorized"}');
    expect(noToken.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const garbage = await api('/echo/1', {}, 'not.a.token');
    expect(garbage.status).toBe(401);
    expect(garbage.headers.get('www-authenticate')).toContain('error="invalid_token"');
    const unknown = await api('/nowhere');
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toBe('{"message":"Not Found"}');
    expect((await api('/echo/1', { method: 'DELETE' })).status).toBe(404);
    const crash = await api('/shapes/crash');
    expect(crash.status).toBe(500);
    expect(await crash.json()).toEqual({ message: 'Internal Server Error' });
    expect((await api('/shapes/bad-status')).status).toBe(500);
    // The function's own timeout (1 s) is an error too.
    expect((await api('/sleep?ms=5000')).status).toBe(500);
  });

  it('maps results of every shape as payload format 2.0 does', async () => {
    const text = await api('/shapes/string');
    expect([text.status, text.headers.get('content-type'), await text.text()]).toEqual([
      200,
      'application/json',
      'hello from lambda',
    ]);
    expect(await (await api('/shapes/object')).json()).toEqual({ hello: 'world' });
    const binary = await api('/shapes/binary');
    expect([...new Uint8Array(await binary.arrayBuffer())]).toEqual([0, 1, 2, 255]);
    const cookies = await api('/shapes/cookies');
    expect(cookies.status).toBe(204);
    expect(cookies.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; HttpOnly']);
    expect(cookies.headers.get('x-count')).toBe('2');
  });

  it('answers CORS preflight for localhost origins', async () => {
    const preflight = await fetch(`${platform.url}/echo/1`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'GET' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    // The same lists the stack configures (API_CORS in @inovda/manifest).
    expect(preflight.headers.get('access-control-allow-headers')).toBe(
      'authorization,content-type,idempotency-key,if-match',
    );
    expect(preflight.headers.get('access-control-max-age')).toBe('3600');
    const foreign = await fetch(`${platform.url}/echo/1`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
    });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    const actual = await api('/echo/1', { headers: { origin: 'http://127.0.0.1:8080' } });
    expect(actual.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:8080');
    expect(actual.headers.get('access-control-expose-headers')).toBe('etag,location');
  });

  it('carries a write through the stream, the publisher and the bus to the subscriber', async () => {
    const onBus: EventBridgeEvent[] = [];
    const unsubscribe = platform.bus.subscribe('test-tap', { source: [FIXTURE_SOURCE] }, (event) => {
      onBus.push(event);
    });
    try {
      const created = await api('/things', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id: 'flow-1', publishFailures: 1 }),
      });
      expect(created.status).toBe(201);
      const seen = await waitFor(async () => (await items('SEEN#flow-1'))[0]);
      const event = EventBridgeSchema.parse(JSON.parse(seen.event?.S ?? '{}'));
      expect(event).toMatchObject({
        source: FIXTURE_SOURCE,
        'detail-type': 'ThingHappened',
        region: 'ap-southeast-3',
        detail: { thingId: 'flow-1' },
      });
      await waitFor(() => (onBus.some((delivered) => delivered.id === event.id) ? true : undefined));
      const streamEvents = await items('STREAM-EVENT');
      expect(streamEvents.length).toBeGreaterThan(0);
      for (const item of streamEvents) DynamoDBStreamSchema.parse(JSON.parse(item.event?.S ?? '{}'));
      // The first publish was reported failed and retried: still exactly one event on the bus.
      expect(onBus.filter((delivered) => (delivered.detail as { thingId?: string }).thingId === 'flow-1')).toHaveLength(
        1,
      );
    } finally {
      unsubscribe();
    }
  });

  it('retries a failing consumer from its queue, then moves the event to its DLQ, and redrives it from there', async () => {
    const post = (id: string, consumerFailures: number) =>
      api('/things', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id, consumerFailures }),
      });
    const receives = async (thingId: string) =>
      (await items(`SEEN#${thingId}`)).map((item) => item.receiveCount?.S).sort();
    await post('recovers', 1);
    await post('never', -1);
    const dlq = 'inovda-kota-uji-fixture-consumer-dlq';
    const inDlq = async () => {
      const response = await fetch(`${platform.url}/local/queues/${dlq}`);
      const { messages } = (await response.json()) as {
        messages: Array<{ receiveCount: number; body: { detail?: { thingId?: string } } }>;
      };
      return messages.map((message) => message.body);
    };
    const setAside = await waitFor(async () => (await inDlq()).find((message) => message.detail?.thingId === 'never'));
    await platform.bus.whenIdle();
    // The body in the DLQ is the EventBridge event the rule put into the queue, untouched.
    expect(EventBridgeSchema.parse(setAside)).toMatchObject({ source: FIXTURE_SOURCE, 'detail-type': 'ThingHappened' });
    // Received maxReceiveCount (3) times, each failure reported by the function, then set aside; the other event
    // was retried once and done.
    expect(await receives('never')).toEqual(['1', '2', '3']);
    expect(await receives('recovers')).toEqual(['1', '2']);
    const queues = (await (await fetch(`${platform.url}/local/queues`)).json()) as Array<Record<string, unknown>>;
    expect(queues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: 'inovda-kota-uji-fixture-consumer',
          arn: 'arn:aws:sqs:ap-southeast-3:000000000000:inovda-kota-uji-fixture-consumer',
          visible: 0,
          notVisible: 0,
          maxReceiveCount: 3,
          deadLetterQueue: dlq,
        }),
        expect.objectContaining({ name: dlq, notVisible: 0 }),
      ]),
    );
    // Other tests of this file may leave their own events there: count only this test's.
    const setAsideNow = await inDlq();
    expect(setAsideNow.filter((message) => message.detail?.thingId === 'never')).toHaveLength(1);

    // Redriven, it is a new message to the consumer: received again from 1 (and failing again, as it always does).
    const redrive = await fetch(`${platform.url}/local/queues/${dlq}/redrive`, { method: 'POST' });
    expect(redrive.status).toBe(200);
    expect(await redrive.json()).toEqual({ name: dlq, moved: setAsideNow.length });
    await waitFor(async () => ((await receives('never')).length === 6 ? true : undefined));
    await platform.bus.whenIdle();
    expect(await receives('never')).toEqual(['1', '1', '2', '2', '3', '3']);
    expect((await inDlq()).filter((message) => message.detail?.thingId === 'never')).toHaveLength(1);
    expect((await fetch(`${platform.url}/local/queues/nothing-here/redrive`, { method: 'POST' })).status).toBe(404);
  });

  it('replays the archive to the consumer and resolves once the consumer has processed it', async () => {
    // Times of their own, years back: the window holds this test's events and none of the others'.
    const put = (thingId: string, time: string) =>
      platform.bus.putEvents([
        {
          EventBusName: platform.eventBusName,
          Source: FIXTURE_SOURCE,
          DetailType: 'ThingHappened',
          Detail: JSON.stringify({ thingId }),
          Time: time,
        },
      ]);
    put('replayed-1', '2020-01-01T10:00:00Z');
    put('replayed-2', '2020-01-01T11:00:00Z');
    await platform.bus.whenIdle();
    expect(platform.bus.archived().filter((event) => event.time.startsWith('2020-01-01'))).toHaveLength(2);
    const consumerRule = platform.bus.rules().find((rule) => rule.Name.includes('thing-happened'));

    const ended = await platform.replay({
      name: 'rebuild-fixture',
      from: '2020-01-01T10:00:00Z',
      to: '2020-01-01T11:00:00Z',
      rules: [consumerRule?.Name ?? ''],
    });
    expect(ended).toMatchObject({ State: 'COMPLETED', Destination: { FilterArns: [consumerRule?.Arn] } });
    // No waiting here: replay() resolved after the consumer's queue had drained.
    const seen = (await items('SEEN#replayed-1')).map((item) => JSON.parse(item.event?.S ?? '{}'));
    expect(seen.map((event) => event['replay-name'])).toEqual(expect.arrayContaining([undefined, 'rebuild-fixture']));
    expect(seen).toHaveLength(2);
    for (const event of seen) EventBridgeSchema.parse(event);
    expect(await items('SEEN#replayed-2')).toHaveLength(1);
    expect(platform.bus.archived().filter((event) => event.time.startsWith('2020-01-01'))).toHaveLength(2);
    await expect(platform.replay({ name: 'rebuild-fixture' })).rejects.toMatchObject({
      type: 'ResourceAlreadyExistsException',
    });
  });

  it('fires a schedule on demand with a Scheduled Event', async () => {
    const listed = (await (await fetch(`${platform.url}/local/schedules`)).json()) as Array<{
      name: string;
      expression: string;
    }>;
    expect(listed).toEqual([expect.objectContaining({ name: 'fixture-daily-tick', expression: 'rate(1 day)' })]);
    const run = await fetch(`${platform.url}/local/schedules/daily-tick/run`, { method: 'POST' });
    expect(run.status).toBe(202);
    const { eventId } = (await run.json()) as { eventId: string };
    const tick = await waitFor(async () => (await items('TICK')).find((item) => item.sk?.S === eventId));
    expect(EventBridgeSchema.parse(JSON.parse(tick.event?.S ?? '{}'))).toMatchObject({
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      resources: ['arn:aws:events:ap-southeast-3:000000000000:rule/fixture-daily-tick'],
      detail: {},
    });
    expect((await fetch(`${platform.url}/local/schedules/nope/run`, { method: 'POST' })).status).toBe(404);
  });

  it('lists dev users and issues tokens that verify against the published JWKS', async () => {
    const users = (await (await fetch(`${platform.url}/local/users`)).json()) as Array<{
      username: string;
      roles: string[];
    }>;
    expect(users.map((user) => user.username)).toContain('penilai');
    const issued = await fetch(`${platform.url}/local/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'koordinator' }),
    });
    const { token: coordinatorToken } = (await issued.json()) as { token: string };
    const jwks = createRemoteJWKSet(new URL(`${platform.url}/local/.well-known/jwks.json`));
    const { payload } = await jwtVerify(coordinatorToken, jwks, {
      issuer: `${platform.url}/local`,
      audience: LOCAL_CLIENT_ID,
    });
    expect(payload).toMatchObject({ 'cognito:groups': ['coordinator'], 'custom:opdId': 'balitbang', token_use: 'id' });
    const unknown = await fetch(`${platform.url}/local/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'nobody' }),
    });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toBe('application/problem+json');
    expect(await unknown.json()).toMatchObject({ status: 404, code: 'not-found' });
  });

  it('serves the OpenAPI document it was given at /openapi.json, with no token', async () => {
    const response = await fetch(`${platform.url}/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({ openapi: '3.1.0', info: { title: 'fixture', version: '1' }, paths: {} });
  });

  it('reports the health of each part', async () => {
    const response = await fetch(`${platform.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: 'ok',
      region: 'kota-uji',
      dynamodb: { status: 'up', endpoint: dynamoLocal.endpoint },
      ses: { status: 'up', endpoint: platform.sesEndpoint },
      eventBridge: { status: 'up', bus: 'inovda-kota-uji', rules: 1 },
      functions: expect.arrayContaining([expect.objectContaining({ id: 'fixture/echo' })]),
      streams: [expect.objectContaining({ name: 'fixture stream', running: true })],
      schedules: [expect.objectContaining({ name: 'fixture-daily-tick' })],
      secretsManager: { status: 'up', endpoint: platform.secretsManagerEndpoint },
    });
  });

  it('runs a Secrets Manager the SDK client reaches, named in the banner and counted in /health', async () => {
    const client = new SecretsManagerClient({
      endpoint: platform.secretsManagerEndpoint,
      region: 'ap-southeast-3',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    try {
      await client.send(new CreateSecretCommand({ Name: 'inovda/kota-uji/fixture/one', SecretString: 'rahasia' }));
      const value = await client.send(new GetSecretValueCommand({ SecretId: 'inovda/kota-uji/fixture/one' }));
      expect(value.SecretString).toBe('rahasia');
    } finally {
      client.destroy();
    }
    expect(formatBanner(platform)).toContain(`Secrets Manager ${platform.secretsManagerEndpoint}`);
    const health = (await (await fetch(`${platform.url}/health`)).json()) as { secretsManager: { secrets: number } };
    expect(health.secretsManager.secrets).toBe(1);
  });
});
