import type { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { Problem } from '@inovda/kernel';
import { describe, expect, it } from 'vitest';
import { type ConflictRetry, conflictDelay, TransactionCancelled, TransactWrite } from './transaction';

/** What DynamoDB answers when it cancels a transaction: one reason per item, in the order of the items. */
function cancelled(...codes: string[]): Error {
  return Object.assign(new Error('Transaction cancelled'), {
    name: 'TransactionCanceledException',
    CancellationReasons: codes.map((Code) => ({ Code })),
  });
}

/** A stubbed client: answers each TransactWriteItems with the next scripted outcome, and records every call. */
function stubClient(outcomes: Array<Error | 'ok'>) {
  const calls: unknown[] = [];
  const db = {
    send: async (command: TransactWriteCommand) => {
      calls.push(command.input.TransactItems);
      const outcome = outcomes.shift() ?? 'ok';
      if (outcome !== 'ok') throw outcome;
      return {};
    },
  } as unknown as DynamoDBDocumentClient;
  return { db, calls };
}

/** Retries with waits of at most a few milliseconds, so the tests take no time. */
const QUICK: ConflictRetry = { attempts: 4, baseDelayMs: 1, maxDelayMs: 2, budgetMs: 10_000 };

function twoItems() {
  return new TransactWrite('t')
    .put('track', { pk: 'TRACK#1', sk: 'TRACK' })
    .put('counter', { pk: 'CYCLE#1', sk: 'OPD#dinkes#0' });
}

describe('TransactWrite.commit', () => {
  it('retries a transaction cancelled for a conflict, with the same items, until it commits', async () => {
    const { db, calls } = stubClient([
      cancelled('None', 'TransactionConflict'),
      cancelled('TransactionConflict', 'None'),
      'ok',
    ]);
    await expect(twoItems().commit(db, QUICK)).resolves.toBeUndefined();
    expect(calls).toHaveLength(3);
    expect(calls[1]).toEqual(calls[0]);
    expect(calls[2]).toEqual(calls[0]);
  });

  it('after its attempts, answers the concurrent-change problem (409, Retry-After)', async () => {
    const { db, calls } = stubClient(Array.from({ length: 10 }, () => cancelled('None', 'TransactionConflict')));
    const error = await twoItems()
      .commit(db, QUICK)
      .catch((thrown: unknown) => thrown);
    expect(calls).toHaveLength(QUICK.attempts);
    expect(error).toBeInstanceOf(Problem);
    expect(error).toMatchObject({ code: 'concurrent-change', status: 409, headers: { 'retry-after': '1' } });
  });

  it('makes no retry that would start after its time budget', async () => {
    const { db, calls } = stubClient([cancelled('TransactionConflict', 'None'), 'ok']);
    // A zero budget leaves no time for any retry, whatever the wait drawn.
    const noTime = { attempts: 10, baseDelayMs: 5, maxDelayMs: 5, budgetMs: 0 };
    await expect(twoItems().commit(db, noTime)).rejects.toMatchObject({ code: 'concurrent-change' });
    expect(calls).toHaveLength(1);
  });

  it('never retries a failed condition: it names the items whose conditions failed', async () => {
    const { db, calls } = stubClient([cancelled('ConditionalCheckFailed', 'TransactionConflict'), 'ok']);
    const error = await twoItems()
      .commit(db, QUICK)
      .catch((thrown: unknown) => thrown);
    expect(calls).toHaveLength(1);
    expect(error).toBeInstanceOf(TransactionCancelled);
    expect((error as TransactionCancelled).failed('track')).toBe(true);
    expect((error as TransactionCancelled).failed('counter')).toBe(false);
  });

  it('never retries other errors', async () => {
    const throttled = Object.assign(new Error('slow down'), { name: 'ProvisionedThroughputExceededException' });
    const { db, calls } = stubClient([throttled, 'ok']);
    await expect(twoItems().commit(db, QUICK)).rejects.toBe(throttled);
    expect(calls).toHaveLength(1);
  });

  it('commits at once without a conflict, and retries nothing with a single attempt', async () => {
    const once = stubClient([]);
    await twoItems().commit(once.db);
    expect(once.calls).toHaveLength(1);
    const single = stubClient([cancelled('TransactionConflict', 'None'), 'ok']);
    await expect(twoItems().commit(single.db, { ...QUICK, attempts: 1 })).rejects.toMatchObject({
      code: 'concurrent-change',
    });
    expect(single.calls).toHaveLength(1);
  });
});

describe('conflictDelay (full jitter)', () => {
  const policy: ConflictRetry = { attempts: 10, baseDelayMs: 10, maxDelayMs: 100, budgetMs: 1_000 };

  it('waits a random part of an exponential ceiling, capped', () => {
    expect(conflictDelay(policy, 0, () => 0)).toBe(0);
    expect(conflictDelay(policy, 0, () => 0.99)).toBe(9);
    expect(conflictDelay(policy, 2, () => 0.5)).toBe(20);
    expect(conflictDelay(policy, 3, () => 0.99)).toBe(79);
    // 10·2^4 = 160 is over the cap: the ceiling stays at 100.
    expect(conflictDelay(policy, 4, () => 0.99)).toBe(99);
    expect(conflictDelay(policy, 30, () => 0.5)).toBe(50);
  });

  it('never waits as long as the ceiling', () => {
    for (let retry = 0; retry < 12; retry += 1) {
      const delay = conflictDelay(policy, retry);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry));
    }
  });
});
