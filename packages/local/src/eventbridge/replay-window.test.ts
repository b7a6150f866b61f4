import { describe, expect, it } from 'vitest';
import type { EventBridgeEvent } from './put-events';
import { asReplayed, eventsToReplay } from './replay-window';

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

describe('eventsToReplay', () => {
  const archived = [
    at('late', '2024-05-01T10:05:00Z'),
    at('start', '2024-05-01T10:00:00Z'),
    at('before', '2024-05-01T09:59:59Z'),
    at('end', '2024-05-01T10:10:00Z'),
    at('start-again', '2024-05-01T10:00:00Z'),
  ];
  const ids = (events: readonly EventBridgeEvent[]) => events.map((event) => event.id);

  it('takes the events whose own time is at or after the start and before the end', () => {
    expect(ids(eventsToReplay(archived, new Date('2024-05-01T10:00:00Z'), new Date('2024-05-01T10:10:00Z')))).toEqual([
      'start',
      'start-again',
      'late',
    ]);
  });

  it('replays back-to-back windows without a gap or a repeat', () => {
    const cut = new Date('2024-05-01T10:05:00Z');
    const first = eventsToReplay(archived, new Date(0), cut);
    const second = eventsToReplay(archived, cut, new Date('2024-06-01T00:00:00Z'));
    expect([...ids(first), ...ids(second)].sort()).toEqual(ids(archived).sort());
  });

  it('orders by event time, keeping arrival order within the same time', () => {
    expect(ids(eventsToReplay(archived, new Date(0), new Date('2025-01-01T00:00:00Z')))).toEqual([
      'before',
      'start',
      'start-again',
      'late',
      'end',
    ]);
  });
});

describe('asReplayed', () => {
  it('adds replay-name and keeps the rest, id and time included', () => {
    const event = at('a', '2024-05-01T10:00:00Z');
    expect(asReplayed(event, 'rebuild')).toEqual({ ...event, 'replay-name': 'rebuild' });
  });
});
