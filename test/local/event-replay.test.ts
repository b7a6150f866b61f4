import { EventBridgeSchema } from '@aws-lambda-powertools/parser/schemas/eventbridge';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventBus } from '../../packages/local/src/eventbridge/bus';
import type { EventArchive } from '../../packages/local/src/eventbridge/event-archive';
import type { EventBridgeEvent } from '../../packages/local/src/eventbridge/put-events';
import type { Replays } from '../../packages/local/src/eventbridge/replays';
import { ARCHIVED_BUS, archivedBus } from './helpers/archived-bus';

const TIMES = ['2024-05-01T09:00:00Z', '2024-05-01T10:00:00Z', '2024-05-01T11:00:00Z', '2024-05-01T12:00:00Z'];

function entry(n: number) {
  return {
    EventBusName: ARCHIVED_BUS,
    Source: 'inovda.scoring',
    DetailType: 'EvaluationSubmitted',
    Detail: JSON.stringify({ n }),
    Time: TIMES[n],
  };
}

describe('replaying the archive of a bus with a rule and an in-process subscriber', () => {
  const running: Array<{ bus: EventBus; replays: Replays }> = [];
  afterEach(async () => {
    for (const { bus, replays } of running.splice(0)) {
      await replays.stop();
      await bus.stop();
    }
  });

  /** A bus with a rule whose target fails each event's first attempt, and a subscriber; both see every event. */
  function setup() {
    const { bus, archive, replays } = archivedBus();
    running.push({ bus, replays });
    const ruleAttempts: EventBridgeEvent[] = [];
    bus.addRule({
      name: 'scores-projection',
      pattern: { source: ['inovda.scoring'] },
      retry: { maximumRetryAttempts: 2, maximumEventAgeSeconds: 60 },
      target: {
        arn: 'arn:aws:lambda:ap-southeast-3:000000000000:function:scores',
        deliver: async (event) => {
          ruleAttempts.push(event);
          const firstTry = ruleAttempts.filter((seen) => seen === event).length === 1;
          return firstTry ? { ok: false, errorCode: 'Throttled', errorMessage: 'try again' } : { ok: true };
        },
      },
    });
    const subscribed: EventBridgeEvent[] = [];
    bus.subscribe('audit', { source: ['inovda.scoring'] }, (event) => {
      subscribed.push(event);
    });
    const ruleArn = (name: string) => bus.rules().find((rule) => rule.Name === name)?.Arn ?? '';
    return { bus, archive, replays, ruleAttempts, subscribed, ruleArn };
  }

  async function replay(
    replays: Replays,
    archive: EventArchive,
    bus: EventBus,
    name: string,
    window: [string, string],
    filterArns?: string[],
  ) {
    replays.start({
      ReplayName: name,
      EventSourceArn: archive.arn,
      EventStartTime: new Date(window[0]),
      EventEndTime: new Date(window[1]),
      Destination: { Arn: bus.arn, ...(filterArns ? { FilterArns: filterArns } : {}) },
    });
    // The bus counts a running replay as in flight: idle means replayed and delivered, retries included.
    await bus.whenIdle();
    return replays.describe(name);
  }

  it('re-delivers exactly the archived events of the window, in order, to the chosen rule only', async () => {
    const { bus, archive, replays, ruleAttempts, subscribed, ruleArn } = setup();
    bus.putEvents([entry(2), entry(0), entry(3), entry(1)]);
    await bus.whenIdle();
    expect(subscribed).toHaveLength(4);
    const live = [...subscribed];
    subscribed.length = 0;
    ruleAttempts.length = 0;

    const ended = await replay(
      replays,
      archive,
      bus,
      'rebuild-audit',
      [TIMES[1] as string, TIMES[3] as string],
      [ruleArn('local-subscription-audit')],
    );
    expect(ended.State).toBe('COMPLETED');
    expect(ruleAttempts).toEqual([]);
    expect(subscribed.map((event) => event.detail)).toEqual([{ n: 1 }, { n: 2 }]);
    for (const event of subscribed) {
      expect(event['replay-name']).toBe('rebuild-audit');
      const original = live.find((each) => each.id === event.id);
      expect(event).toEqual({ ...original, 'replay-name': 'rebuild-audit' });
      // What a consumer parses with Powertools: the schema allows replay-name and keeps it.
      expect(EventBridgeSchema.parse(event)['replay-name']).toBe('rebuild-audit');
    }
    expect(archive.events()).toHaveLength(4);
  });

  it('goes to every rule without FilterArns, through the same retries as live events', async () => {
    const { bus, archive, replays, ruleAttempts, subscribed } = setup();
    bus.putEvents([entry(0), entry(1)]);
    await bus.whenIdle();
    ruleAttempts.length = 0;
    subscribed.length = 0;

    await replay(replays, archive, bus, 'everything', ['2024-01-01T00:00:00Z', '2025-01-01T00:00:00Z']);
    expect(subscribed.map((event) => [event.detail, event['replay-name']])).toEqual([
      [{ n: 0 }, 'everything'],
      [{ n: 1 }, 'everything'],
    ]);
    // Each replayed event failed its first attempt at the rule's target and was retried, as a live one is.
    // (Retries are spaced with jitter, so only the count per event is certain.)
    expect(ruleAttempts.map((event) => event.detail.n).sort()).toEqual([0, 0, 1, 1]);
    expect(ruleAttempts.every((event) => event['replay-name'] === 'everything')).toBe(true);
    expect(bus.deadLetters()).toEqual([]);
    expect(archive.events()).toHaveLength(2);
  });

  it('dead-letters a replayed event its target keeps refusing, replay-name and all', async () => {
    const { bus, archive, replays, ruleArn } = setup();
    bus.subscribe(
      'broken',
      { source: ['inovda.scoring'] },
      (event) => {
        if (event['replay-name']) throw new Error('cannot rebuild');
      },
      { maximumRetryAttempts: 1, maximumEventAgeSeconds: 60 },
    );
    bus.putEvents([entry(0)]);
    await bus.whenIdle();
    await replay(
      replays,
      archive,
      bus,
      'broken-rebuild',
      ['2024-01-01T00:00:00Z', '2025-01-01T00:00:00Z'],
      [ruleArn('local-subscription-broken')],
    );
    expect(bus.deadLetters()).toEqual([
      expect.objectContaining({
        name: 'local-subscription-broken',
        attempts: 2,
        payload: expect.objectContaining({ 'replay-name': 'broken-rebuild', detail: { n: 0 } }),
      }),
    ]);
  });
});
