import { describe, expect, it } from 'vitest';
import type { PublishedEvents } from './published';
import { emptyLedger } from './traffic';
import { verify } from './verify';

/** The chaos checks can fail: a lost track and a counter applied twice are each reported. */

const CYCLE = 'c1';

function published(events: Array<[string, string, string]>): PublishedEvents {
  const byEventId = new Map(events.map(([eventId, type, id]) => [eventId, { type, source: 'inovda.x', id }]));
  return {
    byEventId,
    deliveries: events.length,
    byType: () => ({}),
  } as unknown as PublishedEvents;
}

const track = (id: string) => ({
  pk: `TRACK#${id}`,
  sk: 'TRACK',
  innovationId: id,
  cycleId: CYCLE,
  stage: 'drum-up',
  status: 'active',
});
const processed = (eventId: string) => ({ pk: `PROCESSED#tracks#${eventId}`, sk: 'PROCESSED' });
const outbox = (eventId: string) => ({ pk: `OUTBOX#${eventId}`, sk: 'OUTBOX', detailType: 'InnovationRegistered' });

function scenario() {
  const ledger = emptyLedger();
  ledger.registered.add('a');
  ledger.registered.add('b');
  return {
    cycleId: CYCLE,
    ledger,
    published: published([
      ['e1', 'InnovationRegistered', 'a'],
      ['e2', 'InnovationRegistered', 'b'],
    ]),
    submissions: [outbox('e1'), outbox('e2')],
    workflow: [track('a'), track('b'), processed('e1'), processed('e2')] as Array<Record<string, unknown>>,
    board: { registered: 2, withdrawn: 0, held: 0, stages: { 'drum-up': 2 } },
  };
}

describe('verify', () => {
  it('passes a consistent run', () => {
    const verdict = verify(scenario());
    expect(verdict.lost).toEqual([]);
    expect(verdict.appliedTwice).toEqual([]);
  });

  it('reports a registration whose track never opened, and its event never applied', () => {
    const input = scenario();
    const verdict = verify({
      ...input,
      workflow: [track('a'), processed('e1')],
      board: { registered: 1, stages: { 'drum-up': 1 } },
    });
    expect(verdict.lost.join('\n')).toMatch(/tracks vs registrations accepted: 1 missing/);
    expect(verdict.lost.join('\n')).toMatch(/e2 \(b\) published but never applied/);
  });

  it('reports an outbox row never published', () => {
    const input = scenario();
    const verdict = verify({
      ...input,
      submissions: [...input.submissions, { ...outbox('e3'), outboxPending: 'PENDING' }],
    });
    expect(verdict.lost).toHaveLength(2);
  });

  it('reports a board counter applied twice', () => {
    const input = scenario();
    const verdict = verify({ ...input, board: { registered: 3, stages: { 'drum-up': 3 } } });
    expect(verdict.appliedTwice).toEqual(['board registered 3 but 2 tracks', 'board stage drum-up 3 but 2 tracks']);
  });

  it('reports a second history entry of one effect', () => {
    const input = scenario();
    const history = (version: number) => ({ pk: 'TRACK#a', sk: `HISTORY#${version}`, action: 'opened' });
    const verdict = verify({ ...input, workflow: [...input.workflow, history(1), history(2)] });
    expect(verdict.appliedTwice).toEqual(['TRACK#a|opened in history 2 times']);
  });
});

describe('verify, notifications', () => {
  const entry = (sub: string, eventId: string) => ({
    pk: `INBOX#${sub}`,
    sk: `N#${eventId}`,
    eventId,
    eventType: 'InnovationRegistered',
  });
  const state = (sub: string, unread: number) => ({ pk: `INBOX#${sub}`, sk: 'STATE', unread });

  it('passes when each coordinator was told of every registration once and the counts agree', () => {
    const items = [entry('k', 'e1'), entry('k', 'e2'), state('k', 2)];
    const verdict = verify({ ...scenario(), notifications: { items, coordinators: ['k'] } });
    expect(verdict.lost).toEqual([]);
    expect(verdict.appliedTwice).toEqual([]);
  });

  it('reports a notification lost and an unread count applied twice', () => {
    const lost = verify({
      ...scenario(),
      notifications: { items: [entry('k', 'e1'), state('k', 1)], coordinators: ['k'] },
    });
    expect(lost.lost.join()).toMatch(/k's inbox.*1 missing/);
    const doubled = verify({
      ...scenario(),
      notifications: { items: [entry('k', 'e1'), entry('k', 'e2'), state('k', 3)], coordinators: ['k'] },
    });
    expect(doubled.appliedTwice).toEqual(['INBOX#k: unread 3 for 2 entries']);
  });
});
