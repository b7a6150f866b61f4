import { fileURLToPath } from 'node:url';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { type DynamoLocal, type EventBridgeEvent, ensureTable, type InvokeResult, silentLogger } from '@inovda/local';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { localDynamoClient } from '../../packages/local/src/dynamodb/clients';
import { EventBus } from '../../packages/local/src/eventbridge/bus';
import { type PutEventsApi, startPutEventsApi } from '../../packages/local/src/eventbridge/put-events-api';
import { FaultSwitchboard } from '../../packages/local/src/faults/switchboard';
import { LambdaFunction, type LambdaFunctionSpec } from '../../packages/local/src/lambda/function';
import { LocalFunctions } from '../../packages/local/src/lambda/functions';
import { DeadLetterStore } from '../../packages/local/src/sqs/dead-letters';
import { fixtureManifest } from './fixtures/manifest';
import { uniquePrefix, useDynamoLocal } from './helpers/dynamo';
import { testRegion } from './helpers/region';
import { isRunning, pidFile } from './helpers/spin';
import { waitFor } from './helpers/wait';

const handlers = (name: string) => fileURLToPath(new URL(`./fixtures/handlers/${name}`, import.meta.url));

function spec(overrides: Partial<LambdaFunctionSpec> = {}): LambdaFunctionSpec {
  return {
    id: 'fixture/echo',
    functionName: 'inovda-kota-uji-fixture-echo',
    functionArn: 'arn:aws:lambda:ap-southeast-3:000000000000:function:inovda-kota-uji-fixture-echo',
    entryPath: handlers('echo.ts'),
    handlerName: 'handler',
    env: { AWS_REGION: 'ap-southeast-3', TABLE_NAME: 'things' },
    timeoutMs: 5_000,
    memoryMb: 512,
    maxConcurrency: 2,
    initTimeoutMs: 30_000,
    log: silentLogger,
    ...overrides,
  };
}

function payloadOf(result: InvokeResult): Record<string, unknown> {
  if (!result.ok) throw new Error(`invocation failed: ${result.error.errorType}: ${result.error.errorMessage}`);
  const response = result.payload as { body: string };
  return JSON.parse(response.body) as Record<string, unknown>;
}

describe('a function in its own execution environment (a process)', () => {
  const started: LambdaFunction[] = [];
  const start = (overrides: Partial<LambdaFunctionSpec> = {}) => {
    const fn = new LambdaFunction(spec(overrides));
    started.push(fn);
    return fn;
  };

  afterEach(async () => {
    await Promise.all(started.splice(0).map((fn) => fn.stop()));
  });

  it('runs the handler with a Lambda context and only the environment it was given', async () => {
    process.env.INOVDA_TEST_HOST_ONLY = 'the host process has this, a Lambda would not';
    const fn = start();
    const result = await fn.invoke({ hello: 'world' });
    const body = payloadOf(result);
    expect(body.event).toEqual({ hello: 'world' });
    expect(body.context).toMatchObject({
      functionName: 'inovda-kota-uji-fixture-echo',
      functionVersion: '$LATEST',
      invokedFunctionArn: spec().functionArn,
      memoryLimitInMB: '512',
      awsRequestId: result.requestId,
      logGroupName: '/aws/lambda/inovda-kota-uji-fixture-echo',
    });
    const context = body.context as { remainingTimeInMillis: number; logStreamName: string };
    expect(context.remainingTimeInMillis).toBeGreaterThan(0);
    expect(context.remainingTimeInMillis).toBeLessThanOrEqual(5_000);
    expect(context.logStreamName).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
    expect(body.env).toMatchObject({ AWS_REGION: 'ap-southeast-3', TABLE_NAME: 'things' });
    expect((body.env as Record<string, string>)._X_AMZN_TRACE_ID).toMatch(/^Root=1-/);
    expect(body.hostOnly).toBeNull();
  });

  it('starts an environment on the first call only, and one per concurrent call', async () => {
    const fn = start({ entryPath: handlers('sleepy.ts') });
    await fn.invoke({ ms: 0 });
    await fn.invoke({ ms: 0 });
    expect(fn.stats()).toMatchObject({ coldStarts: 1, environments: 1, invocations: 2 });
    await Promise.all([fn.invoke({ ms: 50 }), fn.invoke({ ms: 50 })]);
    expect(fn.stats()).toMatchObject({ coldStarts: 2, environments: 2 });
  });

  it('queues calls beyond its concurrency instead of starting more environments', async () => {
    const fn = start({ entryPath: handlers('sleepy.ts'), maxConcurrency: 1 });
    const results = await Promise.all([fn.invoke({ ms: 20 }), fn.invoke({ ms: 20 }), fn.invoke({ ms: 20 })]);
    expect(results.every((result) => result.ok)).toBe(true);
    expect(fn.stats()).toMatchObject({ coldStarts: 1, environments: 1 });
  });

  it('stops a call at its timeout, as Lambda does, and replaces the environment', async () => {
    const fn = start({ entryPath: handlers('sleepy.ts'), timeoutMs: 300 });
    const result = await fn.invoke({ ms: 10_000 });
    expect(result).toMatchObject({
      ok: false,
      error: { errorType: 'Sandbox.Timedout', errorMessage: 'Task timed out after 0.30 seconds' },
    });
    expect(fn.stats().environments).toBe(0);
    expect((await fn.invoke({ ms: 0 })).ok).toBe(true);
    expect(fn.stats().coldStarts).toBe(2);
  });

  it.each(['js', 'native'] as const)(
    'kills a call that spins past its timeout (in %s code), so it stops running',
    async (where) => {
      const file = pidFile();
      try {
        const fn = start({ entryPath: handlers('spin.ts'), timeoutMs: 500 });
        const result = await fn.invoke({ in: where, pidFile: file.path });
        expect(result).toMatchObject({
          ok: false,
          error: { errorType: 'Sandbox.Timedout', errorMessage: 'Task timed out after 0.50 seconds' },
        });
        const pid = file.pid();
        expect(pid).toBeDefined();
        await waitFor(() => (isRunning(pid ?? 0) ? undefined : true), 3_000);
        expect(fn.stats().environments).toBe(0);
      } finally {
        file.remove();
      }
    },
  );

  it('stops within a few seconds while a call spins inside a synchronous built-in', async () => {
    const file = pidFile();
    try {
      const fn = start({ entryPath: handlers('spin.ts'), timeoutMs: 60_000 });
      const invocation = fn.invoke({ in: 'native', pidFile: file.path });
      const pid = await waitFor(() => file.pid());
      const stopping = Date.now();
      await fn.stop();
      expect(Date.now() - stopping).toBeLessThan(3_000);
      expect(isRunning(pid)).toBe(false);
      expect(await invocation).toMatchObject({ ok: false, error: { errorType: 'Runtime.ExitError' } });
    } finally {
      file.remove();
    }
  });

  it('stops within a few seconds while an environment is stuck in its init phase', async () => {
    const file = pidFile();
    try {
      const fn = start({ entryPath: handlers('spin-init.ts'), env: { PID_FILE: file.path }, initTimeoutMs: 60_000 });
      const invocation = fn.invoke({});
      const pid = await waitFor(() => file.pid());
      const stopping = Date.now();
      await fn.stop();
      expect(Date.now() - stopping).toBeLessThan(3_000);
      expect(await invocation).toMatchObject({ ok: false, error: { errorType: 'Runtime.Stopped' } });
      await waitFor(() => (isRunning(pid) ? undefined : true), 3_000);
    } finally {
      file.remove();
    }
  });

  it('reports a thrown error as Lambda does and keeps the environment', async () => {
    const fn = start({ entryPath: handlers('shapes.ts') });
    const result = await fn.invoke({ pathParameters: { shape: 'crash' } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ errorType: 'TypeError', errorMessage: 'the fixture crashed on purpose' });
    expect(result.error.trace?.[0]).toContain('TypeError: the fixture crashed on purpose');
    expect((await fn.invoke({ pathParameters: { shape: 'object' } })).ok).toBe(true);
    expect(fn.stats().coldStarts).toBe(1);
  });

  it('fails init like the Node.js runtime: missing export, missing module', async () => {
    expect(await start({ entryPath: handlers('broken.ts') }).invoke({})).toMatchObject({
      ok: false,
      error: { errorType: 'Runtime.HandlerNotFound', errorMessage: 'broken.ts.handler is undefined or not exported' },
    });
    expect(await start({ entryPath: handlers('does-not-exist.ts') }).invoke({})).toMatchObject({
      ok: false,
      error: { errorType: 'Runtime.ImportModuleError' },
    });
  });

  it('loses the environment on an unhandled rejection and starts a fresh one next time', async () => {
    const fn = start({ entryPath: handlers('exits.ts') });
    const result = await fn.invoke({});
    expect(result).toMatchObject({ ok: false, error: { errorType: 'Runtime.ExitError' } });
    expect(fn.stats().environments).toBe(0);
  });

  it('is killed mid-invocation by the environment-killed fault, every n-th call, and only the functions named', async () => {
    const faults = new FaultSwitchboard();
    const fn = start({ entryPath: handlers('sleepy.ts'), faults });
    await faults.set('environment-killed', { functions: ['fixture/other'], withinMs: 10 });
    expect(await fn.invoke({ ms: 100 })).toMatchObject({ ok: true });

    await faults.set('environment-killed', { functions: ['fixture/echo'], withinMs: 10, everyNth: 2 });
    const killed = await fn.invoke({ ms: 2_000 });
    expect(killed).toMatchObject({ ok: false, error: { errorType: 'Runtime.ExitError' } });
    expect(killed.ok ? '' : killed.error.errorMessage).toContain('SIGKILL');
    expect(fn.stats()).toMatchObject({ environments: 0, coldStarts: 1 });
    // The second matching call is spared; it runs in a fresh environment (the killed one is gone).
    expect(await fn.invoke({ ms: 100 })).toMatchObject({ ok: true });
    expect(fn.stats()).toMatchObject({ environments: 1, coldStarts: 2 });
    expect(await fn.invoke({ ms: 2_000 })).toMatchObject({ ok: false, error: { errorType: 'Runtime.ExitError' } });

    await faults.clear();
    expect(await fn.invoke({ ms: 100 })).toMatchObject({ ok: true });
    expect(faults.list().find((fault) => fault.name === 'environment-killed')?.acted).toBe(2);
  });
});

describe("handlers' SDK clients, configured only by the environment", () => {
  let dynamo: DynamoLocal;
  let bus: EventBus;
  let api: PutEventsApi;
  let functions: LocalFunctions;
  let tableName: string;

  beforeAll(async () => {
    dynamo = await useDynamoLocal();
    tableName = `${uniquePrefix()}things`;
    const client = localDynamoClient(dynamo.endpoint, 'ap-southeast-3');
    await ensureTable(client, tableName, fixtureManifest.table, silentLogger);
    client.destroy();
    bus = new EventBus({
      name: 'inovda-kota-uji',
      awsRegion: 'ap-southeast-3',
      deadLetters: new DeadLetterStore(),
      log: silentLogger,
    });
    api = await startPutEventsApi(bus, silentLogger);
    functions = new LocalFunctions({
      region: testRegion,
      services: [fixtureManifest],
      tableNames: { fixture: tableName },
      eventBusName: 'inovda-kota-uji',
      dynamoEndpoint: dynamo.endpoint,
      eventBridgeEndpoint: api.endpoint,
      log: silentLogger,
    });
  }, 120_000);

  afterAll(async () => {
    await functions?.stop();
    await api?.stop();
    await bus?.stop();
    await dynamo?.stop();
  });

  it('reach DynamoDB Local through AWS_ENDPOINT_URL_DYNAMODB', async () => {
    const result = await functions.invoke('fixture/put-thing', {
      body: JSON.stringify({ id: 'sdk-check' }),
      isBase64Encoded: false,
    });
    expect(result.ok).toBe(true);
    const client = localDynamoClient(dynamo.endpoint, 'ap-southeast-3');
    const item = await client.send(
      new GetItemCommand({ TableName: tableName, Key: { pk: { S: 'THING#sdk-check' }, sk: { S: 'THING' } } }),
    );
    client.destroy();
    expect(item.Item).toBeDefined();
  });

  it('reach the local EventBridge through AWS_ENDPOINT_URL_EVENTBRIDGE', async () => {
    const received: EventBridgeEvent[] = [];
    bus.subscribe('sdk-check', { source: ['inovda.fixture'] }, (event) => {
      received.push(event);
    });
    const event: DynamoDBStreamEvent = {
      Records: [
        {
          eventID: '1',
          eventName: 'INSERT',
          eventVersion: '1.1',
          eventSource: 'aws:dynamodb',
          awsRegion: 'ap-southeast-3',
          dynamodb: {
            Keys: { pk: { S: 'OUTBOX#1' }, sk: { S: 'EVENT' } },
            NewImage: { detailType: { S: 'ThingHappened' }, detail: { S: '{"thingId":"sdk-check"}' } },
            SequenceNumber: '100',
            SizeBytes: 10,
            StreamViewType: 'NEW_AND_OLD_IMAGES',
          },
        },
      ],
    };
    const result = await functions.invoke('fixture/outbox-publisher', event);
    expect(result).toMatchObject({ ok: true, payload: { batchItemFailures: [] } });
    await bus.whenIdle();
    expect(received.map((delivered) => delivered.detail)).toEqual([{ thingId: 'sdk-check' }]);
  });
});
