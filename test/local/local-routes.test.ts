import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpApiHandler } from '../../packages/local/src/apigateway/http-api';
import { RouteTable } from '../../packages/local/src/apigateway/route-table';
import { createJwtIssuer } from '../../packages/local/src/cognito/jwt-issuer';
import { EventBus } from '../../packages/local/src/eventbridge/bus';
import { EventArchive } from '../../packages/local/src/eventbridge/event-archive';
import { localReplays } from '../../packages/local/src/eventbridge/local-replays';
import { Replays } from '../../packages/local/src/eventbridge/replays';
import { FaultSwitchboard } from '../../packages/local/src/faults/switchboard';
import { closeServer, listen } from '../../packages/local/src/http-io';
import { silentLogger } from '../../packages/local/src/log';
import { eventBusArn } from '../../packages/local/src/naming';
import { localRoutes } from '../../packages/local/src/platform/local-routes';
import { Scheduler } from '../../packages/local/src/scheduler/scheduled-rules';
import { DeadLetterStore } from '../../packages/local/src/sqs/dead-letters';

const DOCUMENT = { openapi: '3.1.0', info: { title: 'inovda', version: '1' }, paths: {} };

describe('the local-only routes, beside the API', () => {
  const servers: Server[] = [];
  const buses: EventBus[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map(closeServer));
    await Promise.all(buses.splice(0).map((bus) => bus.stop()));
  });

  async function gateway(openApi?: () => unknown, faults = new FaultSwitchboard()): Promise<string> {
    const issuer = await createJwtIssuer({ issuer: 'http://localhost/local' });
    const archive = new EventArchive({
      name: 'inovda-kota-uji-archive',
      awsRegion: 'ap-southeast-3',
      sourceArn: eventBusArn('ap-southeast-3', 'inovda-kota-uji'),
      pattern: { account: ['000000000000'] },
      retentionDays: 365,
    });
    const bus = new EventBus({
      name: 'inovda-kota-uji',
      awsRegion: 'ap-southeast-3',
      deadLetters: new DeadLetterStore(),
      log: silentLogger,
      archive,
    });
    buses.push(bus);
    const replays = new Replays({ archives: [archive], bus, awsRegion: 'ap-southeast-3', log: silentLogger });
    const server = createServer(
      createHttpApiHandler({
        routes: new RouteTable([{ method: 'GET', path: '/work', functionId: 'svc/work' }]),
        invoke: async () => ({ ok: true, payload: {}, requestId: 'r' }),
        issuer,
        localRoutes: localRoutes({
          users: [],
          issuer,
          bus,
          replays: localReplays(replays, bus),
          queues: {
            list: () => [],
            peek: () => undefined,
            redrive: () => undefined,
            whenIdle: async () => undefined,
          },
          scheduler: new Scheduler([], bus, 'ap-southeast-3', silentLogger),
          health: async () => ({ healthy: true, report: {} }),
          faults,
          ...(openApi ? { openApi } : {}),
        }),
        accountId: '000000000000',
        apiId: 'local',
        log: silentLogger,
      }),
    );
    servers.push(server);
    return `http://127.0.0.1:${await listen(server, 0)}`;
  }

  it('serves the OpenAPI document it was given as JSON, without a token', async () => {
    const url = await gateway(() => DOCUMENT);
    const response = await fetch(`${url}/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual(DOCUMENT);
  });

  it('answers 404 at /openapi.json when it was given no document', async () => {
    const url = await gateway();
    const response = await fetch(`${url}/openapi.json`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ message: 'Not Found' });
  });

  it('turns faults on and off at /local/faults, and refuses unknown faults and bad settings', async () => {
    const faults = new FaultSwitchboard();
    const seen: unknown[] = [];
    faults.watch('stream-poller-stopped', (settings) => {
      seen.push(settings);
    });
    const url = await gateway(undefined, faults);
    const put = (name: string, body: string) =>
      fetch(`${url}/local/faults/${name}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body });

    const on = await put('put-events', JSON.stringify({ mode: 'fail-entries', everyNth: 2 }));
    expect(on.status).toBe(200);
    expect(await on.json()).toMatchObject({
      name: 'put-events',
      on: true,
      settings: { mode: 'fail-entries', everyNth: 2 },
    });
    expect(faults.get('put-events')).toEqual({ mode: 'fail-entries', everyNth: 2 });
    expect((await put('stream-poller-stopped', '')).status).toBe(200);
    expect(seen).toEqual([{}]);

    expect((await put('put-events', JSON.stringify({ mode: 'sometimes' }))).status).toBe(400);
    expect((await put('put-events', '{not json')).status).toBe(400);
    expect((await put('dynamodb-throttled', JSON.stringify({ errorCode: 'SlowDown' }))).status).toBe(400);
    expect((await put('dynamodb-throttled', JSON.stringify({ everyNth: 0 }))).status).toBe(400);
    expect((await put('environment-killed', JSON.stringify({ withinMs: -5 }))).status).toBe(400);
    expect((await put('environment-killed', JSON.stringify({ functions: 'workflow/track-events' }))).status).toBe(400);
    expect((await put('environment-killed', JSON.stringify({ functions: ['workflow/track-events'] }))).status).toBe(
      200,
    );
    expect(faults.get('environment-killed')).toEqual({ functions: ['workflow/track-events'] });
    expect(faults.get('put-events')).toEqual({ mode: 'fail-entries', everyNth: 2 });
    expect((await put('no-such-fault', '{}')).status).toBe(404);

    const off = await fetch(`${url}/local/faults/put-events`, { method: 'DELETE' });
    expect(await off.json()).toMatchObject({ name: 'put-events', on: false });
    expect(faults.get('put-events')).toBeUndefined();
    const all = await fetch(`${url}/local/faults`, { method: 'DELETE' });
    expect(((await all.json()) as Array<{ on: boolean }>).every((fault) => !fault.on)).toBe(true);
    expect(seen).toEqual([{}, undefined]);
  });

  it('shows the archive at /local/archive and runs replays at /local/replays', async () => {
    const url = await gateway();
    const empty = await fetch(`${url}/local/archive`);
    expect(await empty.json()).toEqual({
      name: 'inovda-kota-uji-archive',
      arn: 'arn:aws:events:ap-southeast-3:000000000000:archive/inovda-kota-uji-archive',
      eventCount: 0,
      sizeBytes: 0,
      retentionDays: 365,
    });
    const bus = buses[0] as EventBus;
    const seen: unknown[] = [];
    bus.subscribe('watcher', { source: ['inovda.scoring'] }, (event) => {
      seen.push(event['replay-name']);
    });
    const entry = (time: string) => ({
      EventBusName: 'inovda-kota-uji',
      Source: 'inovda.scoring',
      DetailType: 'EvaluationSubmitted',
      Detail: '{}',
      Time: time,
    });
    bus.putEvents([entry('2024-05-01T10:00:00Z'), entry('2024-05-01T09:00:00Z')]);
    await bus.whenIdle();
    const archived = (await (await fetch(`${url}/local/archive`)).json()) as Record<string, unknown>;
    expect(archived).toMatchObject({
      eventCount: 2,
      oldestEventTime: '2024-05-01T09:00:00Z',
      newestEventTime: '2024-05-01T10:00:00Z',
    });
    expect(archived.sizeBytes).toBeGreaterThan(0);

    const post = (body: unknown) =>
      fetch(`${url}/local/replays`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const started = await post({ name: 'morning', to: '2024-05-01T09:30:00Z', rules: ['local-subscription-watcher'] });
    expect(started.status).toBe(202);
    expect(await started.json()).toMatchObject({ ReplayName: 'morning', State: 'STARTING' });
    await bus.whenIdle();
    const described = await fetch(`${url}/local/replays/morning`);
    expect(await described.json()).toMatchObject({
      ReplayName: 'morning',
      State: 'COMPLETED',
      EventLastReplayedTime: '2024-05-01T09:00:00.000Z',
    });
    expect(seen).toEqual([undefined, undefined, 'morning']);
    expect(((await (await fetch(`${url}/local/replays`)).json()) as unknown[]).length).toBe(1);

    expect((await post({ name: 'morning' })).status).toBe(409);
    expect((await post({ rules: ['no-such-rule'] })).status).toBe(404);
    expect((await post({ from: '2024-05-02T00:00:00Z', to: '2024-05-01T00:00:00Z' })).status).toBe(400);
    expect((await post({ rules: 'local-subscription-watcher' })).status).toBe(400);
    expect((await fetch(`${url}/local/replays/nothing-like-it`)).status).toBe(404);
  });
});
