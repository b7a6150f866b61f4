import { describe, expect, it } from 'vitest';
import { silentLogger } from '../log';
import { EventArchive } from './event-archive';
import type { EventBridgeEvent } from './put-events';
import { MAX_ACTIVE_REPLAYS, type ReplayBus, Replays, type StartReplayRequest } from './replays';

const BUS_ARN = 'arn:aws:events:ap-southeast-3:000000000000:event-bus/inovda-kota-uji';
const RULE_A = 'arn:aws:events:ap-southeast-3:000000000000:rule/inovda-kota-uji/a';
const RULE_B = 'arn:aws:events:ap-southeast-3:000000000000:rule/inovda-kota-uji/b';

function at(id: string, time: string): EventBridgeEvent {
  return {
    version: '0',
    id,
    'detail-type': 'EvaluationSubmitted',
    source: 'inovda.scoring',
    account: '000000000000',
    time,
    region: 'ap-southeast-3',
    resources: [],
    detail: {},
  };
}

/** A bus that records what a replay hands it, and the work it is asked to track. */
function fakeBus() {
  const dispatched: Array<{ event: EventBridgeEvent; rules: string[] | undefined }> = [];
  const tracked: Array<Promise<unknown>> = [];
  const bus: ReplayBus = {
    arn: BUS_ARN,
    ruleArns: () => [RULE_A, RULE_B],
    dispatch: (event, rules) => {
      dispatched.push({ event, rules: rules ? [...rules] : undefined });
    },
    track: (work) => {
      tracked.push(work);
    },
  };
  return { bus, dispatched, idle: () => Promise.all(tracked) };
}

function setup() {
  const archive = new EventArchive({
    name: 'inovda-kota-uji-archive',
    awsRegion: 'ap-southeast-3',
    sourceArn: BUS_ARN,
    pattern: { account: ['000000000000'] },
    retentionDays: 365,
  });
  for (const [id, time] of [
    ['a', '2024-05-01T10:00:00Z'],
    ['b', '2024-05-01T11:00:00Z'],
    ['c', '2024-05-01T12:00:00Z'],
  ] as const) {
    archive.record(at(id, time));
  }
  const fake = fakeBus();
  const replays = new Replays({ archives: [archive], bus: fake.bus, awsRegion: 'ap-southeast-3', log: silentLogger });
  const request = (overrides: Partial<StartReplayRequest> = {}): StartReplayRequest => ({
    ReplayName: 'rebuild',
    EventSourceArn: archive.arn,
    EventStartTime: new Date('2024-05-01T10:00:00Z'),
    EventEndTime: new Date('2024-05-01T12:00:00Z'),
    Destination: { Arn: BUS_ARN },
    ...overrides,
  });
  return { archive, replays, request, ...fake };
}

describe('Replays', () => {
  it('answers STARTING, then sends the window in order with replay-name, and ends COMPLETED', async () => {
    const { replays, request, dispatched, idle } = setup();
    const started = replays.start(request());
    expect(started).toMatchObject({
      ReplayArn: 'arn:aws:events:ap-southeast-3:000000000000:replay/rebuild',
      State: 'STARTING',
    });
    expect(dispatched).toEqual([]);
    const ended = await replays.whenEnded('rebuild');
    await idle();
    expect(dispatched).toEqual([
      { event: { ...at('a', '2024-05-01T10:00:00Z'), 'replay-name': 'rebuild' }, rules: undefined },
      { event: { ...at('b', '2024-05-01T11:00:00Z'), 'replay-name': 'rebuild' }, rules: undefined },
    ]);
    expect(ended).toMatchObject({
      ReplayName: 'rebuild',
      State: 'COMPLETED',
      EventLastReplayedTime: new Date('2024-05-01T11:00:00Z'),
      Destination: { Arn: BUS_ARN },
    });
    expect(ended.ReplayEndTime).toBeInstanceOf(Date);
    expect(replays.describe('rebuild')).toEqual(ended);
  });

  it('sends only to the rules in FilterArns', async () => {
    const { replays, request, dispatched } = setup();
    replays.start(request({ Destination: { Arn: BUS_ARN, FilterArns: [RULE_B] } }));
    await replays.whenEnded('rebuild');
    expect(dispatched.map((each) => each.rules)).toEqual([[RULE_B], [RULE_B]]);
  });

  it('reports RUNNING while it sends', async () => {
    const { replays, request } = setup();
    replays.start(request());
    const seen = new Set<string>();
    while (!['COMPLETED', 'FAILED'].includes(replays.describe('rebuild').State)) {
      seen.add(replays.describe('rebuild').State);
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect([...seen]).toEqual(['STARTING', 'RUNNING']);
  });

  it('refuses as StartReplay does', () => {
    const { replays, request, archive } = setup();
    const refusal = (overrides: Partial<StartReplayRequest>) => {
      try {
        replays.start(request(overrides));
      } catch (error) {
        return (error as { type: string }).type;
      }
      return 'started';
    };
    expect(refusal({ ReplayName: 'has space' })).toBe('ValidationException');
    expect(refusal({ ReplayName: 'x'.repeat(65) })).toBe('ValidationException');
    expect(refusal({ EventSourceArn: `${archive.arn}-other` })).toBe('ResourceNotFoundException');
    expect(refusal({ EventEndTime: new Date('2024-05-01T10:00:00Z') })).toBe('ValidationException');
    expect(refusal({ Destination: { Arn: `${BUS_ARN}-other` } })).toBe('ValidationException');
    expect(refusal({ Destination: { Arn: BUS_ARN, FilterArns: [`${RULE_A}-gone`] } })).toBe(
      'ResourceNotFoundException',
    );
    expect(replays.list()).toEqual([]);
    expect(refusal({})).toBe('started');
    expect(refusal({})).toBe('ResourceAlreadyExistsException');
  });

  it(`allows ${MAX_ACTIVE_REPLAYS} active replays at once, and more once they have ended`, async () => {
    const { replays, request } = setup();
    for (let n = 0; n < MAX_ACTIVE_REPLAYS; n++) replays.start(request({ ReplayName: `r${n}` }));
    expect(() => replays.start(request({ ReplayName: 'one-too-many' }))).toThrow(
      expect.objectContaining({ type: 'LimitExceededException' }),
    );
    await Promise.all(replays.list().map((replay) => replays.whenEnded(replay.ReplayName)));
    expect(replays.start(request({ ReplayName: 'later' })).State).toBe('STARTING');
  });

  it('cancels a replay that has not sent anything yet, and refuses to cancel an ended one', async () => {
    const { replays, request, dispatched } = setup();
    replays.start(request());
    expect(replays.cancel('rebuild')).toMatchObject({ State: 'CANCELLING' });
    expect(await replays.whenEnded('rebuild')).toMatchObject({ State: 'CANCELLED' });
    expect(dispatched).toEqual([]);
    expect(() => replays.cancel('rebuild')).toThrow(expect.objectContaining({ type: 'IllegalStatusException' }));
    expect(() => replays.cancel('never-started')).toThrow(
      expect.objectContaining({ type: 'ResourceNotFoundException' }),
    );
  });

  it('lists replays with ListReplays filters', async () => {
    const { replays, request } = setup();
    replays.start(request({ ReplayName: 'rebuild-1' }));
    replays.start(request({ ReplayName: 'other' }));
    await replays.stop();
    replays.start(request({ ReplayName: 'rebuild-2' }));
    await replays.whenEnded('rebuild-2');
    expect(replays.list({ namePrefix: 'rebuild' }).map((replay) => replay.ReplayName)).toEqual([
      'rebuild-1',
      'rebuild-2',
    ]);
    expect(replays.list({ state: 'CANCELLED' }).map((replay) => replay.ReplayName)).toEqual(['rebuild-1', 'other']);
  });
});
