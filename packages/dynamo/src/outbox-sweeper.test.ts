import type { EventBridgeClient, PutEventsCommand, PutEventsCommandOutput } from '@aws-sdk/client-eventbridge';
import { describe, expect, it } from 'vitest';
import type { OutboxRow } from './outbox';
import type { OutboxRows } from './outbox-rows';
import { sweepOutbox } from './outbox-sweeper';

const NOW = new Date('2026-03-02T10:00:00.000Z');

function row(n: number, since: string, detail = `{"n":${n}}`): OutboxRow {
  return {
    pk: `OUTBOX#${n}`,
    sk: 'OUTBOX',
    source: 'inovda.submissions',
    detailType: 'InnovationRegistered',
    detail,
    correlationId: 'c',
    outboxPending: 'PENDING',
    outboxPendingSince: `${since}#${n}`,
  };
}

/** Pending rows in memory, answering the index query as DynamoDB would (key order, `before`, limit, cursor). */
function memoryRows(rows: OutboxRow[]) {
  const pending = new Map(rows.map((r) => [r.pk, r]));
  const queries: string[] = [];
  const store: OutboxRows = {
    async markPublished(keys) {
      for (const key of keys) pending.delete(key.pk);
    },
    async pending(before, limit, cursor) {
      queries.push(before);
      const sorted = [...pending.values()]
        .filter((r) => (r.outboxPendingSince ?? '') < before)
        .sort((a, b) => (a.outboxPendingSince ?? '').localeCompare(b.outboxPendingSince ?? ''));
      const start = cursor ? sorted.findIndex((r) => r.pk === cursor.pk?.S) + 1 : 0;
      const page = sorted.slice(start, start + limit);
      const last = page[page.length - 1];
      return { rows: page, cursor: start + limit < sorted.length && last ? { pk: { S: last.pk } } : undefined };
    },
  };
  return { store, pending, queries };
}

/** EventBridge accepting everything, or failing every entry while `down()` holds. */
function bus(down: () => boolean = () => false) {
  const published: string[] = [];
  const client = {
    send: async (command: PutEventsCommand): Promise<PutEventsCommandOutput> => {
      const entries = command.input.Entries ?? [];
      if (!down()) published.push(...entries.map((e) => e.Detail ?? ''));
      const results = entries.map((_, i) =>
        down() ? { ErrorCode: 'ThrottlingException', ErrorMessage: 'Rate exceeded' } : { EventId: `e${i}` },
      );
      return { $metadata: {}, FailedEntryCount: down() ? entries.length : 0, Entries: results };
    },
  } as unknown as EventBridgeClient;
  return { client, published };
}

const deps = (store: OutboxRows, client: EventBridgeClient) => ({
  eventBridge: client,
  eventBusName: 'bus',
  rows: store,
  sleep: async () => undefined,
  now: () => NOW,
});

describe('outbox sweeper', () => {
  it('republishes only rows pending longer than the grace period, oldest first, and marks them', async () => {
    const { store, pending, queries } = memoryRows([
      row(2, '2026-03-02T09:50:00.000Z'),
      row(1, '2026-03-01T08:00:00.000Z'),
      row(3, '2026-03-02T09:59:30.000Z'),
    ]);
    const { client, published } = bus();
    const summary = await sweepOutbox(deps(store, client), { graceSeconds: 120, maxRows: 500 });
    expect(queries[0]).toBe('2026-03-02T09:58:00.000Z');
    expect(published).toEqual(['{"n":1}', '{"n":2}']);
    expect(summary).toEqual({ found: 2, published: 2, failed: 0, busDown: false });
    // Row 3 is the stream's for now; a second run republishes nothing again.
    expect([...pending.keys()]).toEqual(['OUTBOX#3']);
    await sweepOutbox(deps(store, client), { graceSeconds: 120, maxRows: 500 });
    expect(published).toHaveLength(2);
  });

  it('stops a run at the first call the bus takes nothing of, leaving every row pending', async () => {
    const rows = Array.from({ length: 25 }, (_, i) => row(i + 1, '2026-03-01T00:00:00.000Z'));
    const { store, pending } = memoryRows(rows);
    const { client } = bus(() => true);
    let calls = 0;
    const counting = {
      send: (command: PutEventsCommand) => {
        calls++;
        return client.send(command);
      },
    } as unknown as EventBridgeClient;
    const summary = await sweepOutbox(deps(store, counting), { graceSeconds: 120, maxRows: 500 });
    expect(summary.busDown).toBe(true);
    expect(summary.published).toBe(0);
    expect(pending.size).toBe(25);
    // One chunk of 10 tried with its retries, not all three.
    expect(calls).toBe(4);
  });

  it('does at most maxRows a run, across pages, and the next run takes the rest', async () => {
    const rows = Array.from({ length: 250 }, (_, i) =>
      row(i + 1, `2026-03-01T00:00:${String(i % 60).padStart(2, '0')}.000Z`),
    );
    const { store, pending } = memoryRows(rows);
    const { client, published } = bus();
    const first = await sweepOutbox(deps(store, client), { graceSeconds: 120, maxRows: 120 });
    expect(first.published).toBe(120);
    expect(pending.size).toBe(130);
    await sweepOutbox(deps(store, client), { graceSeconds: 120, maxRows: 500 });
    expect(pending.size).toBe(0);
    expect(new Set(published).size).toBe(250);
  });

  it('leaves a row too big for any call pending and goes on with the others', async () => {
    const big = row(1, '2026-03-01T00:00:00.000Z', JSON.stringify({ text: 'x'.repeat(300 * 1024) }));
    const { store, pending } = memoryRows([big, row(2, '2026-03-01T00:00:01.000Z')]);
    const { client, published } = bus();
    const summary = await sweepOutbox(deps(store, client), { graceSeconds: 120, maxRows: 500 });
    expect(summary).toEqual({ found: 2, published: 1, failed: 1, busDown: false });
    expect(published).toEqual(['{"n":2}']);
    expect([...pending.keys()]).toEqual(['OUTBOX#1']);
  });
});
