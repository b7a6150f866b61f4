import type { PublishedEvents } from './published';
import { outboxRows } from './tables';
import type { Ledger } from './traffic';

/**
 * The checks after the chaos, pure over what was gathered: the ledger (what the API accepted), the events seen on
 * the bus, the items of both tables and the board as the API answers it. Every check compares two independent
 * records of the same facts, so each can fail: a lost event leaves a registration without its track or an outbox
 * row unseen on the bus; an event applied twice leaves a counter above the items it counts or a second history
 * entry. (Processed-event records are unique by their key, so counting them proves nothing by itself; the counters
 * and history, written in the same transaction as that record, are what a double application would inflate.)
 */

type Item = Record<string, unknown>;

export interface Board {
  readonly registered?: number;
  readonly withdrawn?: number;
  readonly held?: number;
  readonly stages?: Readonly<Record<string, number>>;
}

export interface Verdict {
  readonly published: { readonly events: number; readonly deliveries: number; readonly byType: Record<string, number> };
  /** Events the workflow consumer applied (its processed-event records), by type. */
  readonly delivered: Record<string, number>;
  readonly applied: { readonly opened: number; readonly withdrawn: number; readonly advanced: number };
  readonly lost: string[];
  readonly appliedTwice: string[];
}

const TRACKS_CONSUMER = 'PROCESSED#tracks#';

function same(label: string, expected: ReadonlySet<string>, actual: ReadonlySet<string>, into: string[]): void {
  const missing = [...expected].filter((id) => !actual.has(id));
  const extra = [...actual].filter((id) => !expected.has(id));
  if (missing.length > 0) into.push(`${label}: ${missing.length} missing (e.g. ${missing.slice(0, 3).join(', ')})`);
  if (extra.length > 0) into.push(`${label}: ${extra.length} unexpected (e.g. ${extra.slice(0, 3).join(', ')})`);
}

export function verify(input: {
  readonly cycleId: string;
  readonly ledger: Ledger;
  readonly published: PublishedEvents;
  readonly submissions: readonly Item[];
  readonly workflow: readonly Item[];
  readonly board: Board;
  /** The notifications table and the coordinators' subs (known to it: they opened their inbox before the run). */
  readonly notifications?: { readonly items: readonly Item[]; readonly coordinators: readonly string[] };
}): Verdict {
  const { cycleId, ledger, published, submissions, workflow, board } = input;
  const lost: string[] = [];
  const appliedTwice: string[] = [];

  // 1. Publication: every outbox row of both services left the pending index and its event reached the bus.
  const rows = [...outboxRows(submissions), ...outboxRows(workflow)];
  const stillPending = rows.filter((row) => row.pending).length;
  if (stillPending > 0) lost.push(`${stillPending} outbox rows still pending`);
  const unseen = rows.filter((row) => !published.byEventId.has(row.eventId));
  if (unseen.length > 0) lost.push(`${unseen.length} outbox events never seen on the bus (e.g. ${unseen[0]?.type})`);

  // 2. Each accepted request produced exactly one event of its kind (an event per request, no more, no fewer).
  const eventsOf = (type: string) =>
    new Set([...published.byEventId.values()].filter((event) => event.type === type).map((event) => event.id ?? ''));
  const countOf = (type: string) => [...published.byEventId.values()].filter((event) => event.type === type).length;
  same(
    'InnovationRegistered events vs registrations accepted',
    ledger.registered,
    eventsOf('InnovationRegistered'),
    lost,
  );
  same('InnovationWithdrawn events vs withdrawals accepted', ledger.withdrawn, eventsOf('InnovationWithdrawn'), lost);
  if (countOf('InnovationRegistered') !== ledger.registered.size)
    appliedTwice.push(
      `${countOf('InnovationRegistered')} InnovationRegistered events for ${ledger.registered.size} registrations`,
    );

  // 3. Delivery: the workflow consumer recorded (applied) every registration and withdrawal it was sent.
  const processed = new Set(
    workflow
      .map((item) => String(item.pk))
      .filter((pk) => pk.startsWith(TRACKS_CONSUMER))
      .map((pk) => pk.slice(TRACKS_CONSUMER.length)),
  );
  const delivered: Record<string, number> = {};
  for (const [eventId, event] of published.byEventId) {
    if (processed.has(eventId)) delivered[event.type] = (delivered[event.type] ?? 0) + 1;
    else if (event.type === 'InnovationRegistered' || event.type === 'InnovationWithdrawn')
      lost.push(`${event.type} ${eventId} (${event.id}) published but never applied by workflow/track-events`);
  }

  // 4. Application: tracks (from the table) against the ledger.
  const tracks = workflow.filter((item) => item.sk === 'TRACK' && String(item.pk).startsWith('TRACK#'));
  const tombstones = tracks.filter((track) => track.tombstone === true);
  if (tombstones.length > 0) lost.push(`${tombstones.length} withdrawals applied before their registration`);
  const real = tracks.filter((track) => track.tombstone !== true && track.cycleId === cycleId);
  const ids = (list: readonly Item[]) => new Set(list.map((track) => String(track.innovationId)));
  same('tracks vs registrations accepted', ledger.registered, ids(real), lost);
  const withdrawnTracks = real.filter((track) => track.status === 'withdrawn');
  same('withdrawn tracks vs withdrawals accepted', ledger.withdrawn, ids(withdrawnTracks), lost);
  const advancedTracks = real.filter((track) => track.stage === 'diagnose');
  same('tracks at Diagnose vs approvals accepted', ledger.approved, ids(advancedTracks), lost);

  // 5. Applied once: one history entry per effect, and board counters equal to the tracks they count.
  const actions = new Map<string, number>();
  for (const item of workflow) {
    if (typeof item.sk !== 'string' || !item.sk.startsWith('HISTORY#')) continue;
    const key = `${item.pk}|${item.action}`;
    actions.set(key, (actions.get(key) ?? 0) + 1);
  }
  for (const [key, times] of actions) {
    if (times > 1 && /\|(opened|withdrawn|advanced)$/.test(key)) appliedTwice.push(`${key} in history ${times} times`);
  }
  const expectStages: Record<string, number> = {};
  for (const track of real) {
    if (track.status === 'withdrawn') continue;
    const stage = String(track.stage);
    expectStages[stage] = (expectStages[stage] ?? 0) + 1;
  }
  const compare = (label: string, boardValue: number | undefined, tableValue: number) => {
    if ((boardValue ?? 0) === tableValue) return;
    ((boardValue ?? 0) > tableValue ? appliedTwice : lost).push(
      `board ${label} ${boardValue} but ${tableValue} tracks`,
    );
  };
  compare('registered', board.registered, real.length);
  compare('withdrawn', board.withdrawn, withdrawnTracks.length);
  compare('held', board.held, 0);
  for (const stage of new Set([...Object.keys(board.stages ?? {}), ...Object.keys(expectStages)])) {
    compare(`stage ${stage}`, board.stages?.[stage], expectStages[stage] ?? 0);
  }

  // 6. Notifications: every registration and advance request reached each coordinator's inbox exactly once, and
  // every inbox's unread count equals its entries (nobody reads during the run): a doubly applied event would count
  // twice, a lost one would leave an entry missing.
  if (input.notifications) {
    const { items, coordinators } = input.notifications;
    const entries = items.filter((item) => String(item.pk).startsWith('INBOX#') && String(item.sk).startsWith('N#'));
    const perUser = new Map<string, number>();
    for (const entry of entries) perUser.set(String(entry.pk), (perUser.get(String(entry.pk)) ?? 0) + 1);
    for (const state of items.filter((item) => String(item.pk).startsWith('INBOX#') && item.sk === 'STATE')) {
      const count = perUser.get(String(state.pk)) ?? 0;
      const unread = Number(state.unread);
      if (unread > count) appliedTwice.push(`${state.pk}: unread ${unread} for ${count} entries`);
      if (unread < count) lost.push(`${state.pk}: unread ${unread} for ${count} entries`);
    }
    const told = new Set(['InnovationRegistered', 'StageAdvanceRequested']);
    const expected = new Set(
      [...published.byEventId.entries()].filter(([, event]) => told.has(event.type)).map(([eventId]) => eventId),
    );
    for (const sub of coordinators) {
      const inbox = new Set(
        entries
          .filter((entry) => entry.pk === `INBOX#${sub}` && told.has(String(entry.eventType)))
          .map((entry) => String(entry.eventId)),
      );
      same(`notifications in ${sub}'s inbox vs registrations and requests published`, expected, inbox, lost);
    }
  }

  return {
    published: { events: published.byEventId.size, deliveries: published.deliveries, byType: published.byType() },
    delivered,
    applied: { opened: real.length, withdrawn: withdrawnTracks.length, advanced: advancedTracks.length },
    lost,
    appliedTwice,
  };
}
