import { BatchWriteItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { InnovationScored } from '@inovda/contracts';
import type { LocalPlatform } from '@inovda/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedKotaSolok } from '../../infra/seed/kota-solok';
import { localDynamoClient } from '../../packages/local/src/dynamodb/clients';
import { settle } from '../chaos/settle';
import { scanTable } from '../chaos/tables';
import { startE2ePlatform } from './e2e-platform';

/**
 * The scoring service's read models against the event archive (issue 8): what scoring learnt from events (the
 * innovation facts: cycle, OPD, affairs, evidence, stage, withdrawal), rebuilt by an EventBridge replay into an
 * emptied table, equals what it kept incrementally; and the ranking and index totals equal the fold of the archived
 * InnovationScored events. The demo seed (a scored, published cycle and an open one) is the history.
 */

type Item = Record<string, unknown>;
let platform: LocalPlatform;

beforeAll(async () => {
  platform = await startE2ePlatform('e2e-scoring-replay');
  await seedKotaSolok({ url: platform.url, tokenFor: platform.tokenFor });
  // Every outbox published and every queue drained: the last events of the seed have reached scoring.
  const settled = await settle(platform, 120_000, () => {});
  if (!settled.settled) throw new Error(`the platform did not settle: ${JSON.stringify(settled)}`);
}, 300_000);

afterAll(async () => {
  await platform?.stop();
});

const isFacts = (item: Item) => String(item.pk).startsWith('INNOVATION#') && item.sk === 'FACTS';
const isProcessedByScoring = (item: Item) => String(item.pk).startsWith('PROCESSED#scoring-facts#');

/** A facts item without its optimistic-lock counter (how many events moved it depends on their arrival order). */
function state(item: Item): Item {
  const { version: _version, ...rest } = item;
  return rest;
}

async function remove(items: readonly Item[]): Promise<void> {
  const client = localDynamoClient(platform.dynamoEndpoint, 'ap-southeast-3');
  const tableName = platform.tableNames.scoring ?? '';
  try {
    for (let start = 0; start < items.length; start += 25) {
      await client.send(
        new BatchWriteItemCommand({
          RequestItems: {
            [tableName]: items.slice(start, start + 25).map((item) => ({
              DeleteRequest: { Key: marshall({ pk: item.pk, sk: item.sk }) },
            })),
          },
        }),
      );
    }
  } finally {
    client.destroy();
  }
}

describe('scoring read models and the event archive', () => {
  it('rebuilds the innovation facts by replay exactly as they were kept', { timeout: 300_000 }, async () => {
    const before = (await scanTable(platform, 'scoring')).filter(isFacts);
    expect(before.length).toBeGreaterThanOrEqual(5);
    expect(before.some((item) => item.withdrawn === true)).toBe(true);
    expect(before.some((item) => item.stage === 'deliver')).toBe(true);

    // Lose them (and the consumer's memory of having applied the events), then replay the archive to scoring only.
    await remove([...before, ...(await scanTable(platform, 'scoring')).filter(isProcessedByScoring)]);
    expect((await scanTable(platform, 'scoring')).filter(isFacts)).toEqual([]);
    const rules = platform.bus
      .rules()
      .map((rule) => rule.Name)
      .filter((name) => name.includes('scoring'));
    expect(rules.length).toBeGreaterThan(0);
    const replay = await platform.replay({ name: `rebuild-scoring-${Date.now()}`, rules });
    expect(replay.State).toBe('COMPLETED');

    const after = (await scanTable(platform, 'scoring')).filter(isFacts);
    const byId = (items: Item[]) => Object.fromEntries(items.map((item) => [String(item.pk), state(item)]));
    expect(byId(after)).toEqual(byId(before));
  });

  it('keeps ranking and index totals equal to the fold of the archived InnovationScored events', async () => {
    const latest = new Map<string, { cycleId: string; opdId: string; score: number; revision: number }>();
    for (const event of platform.bus.archived()) {
      if (event['detail-type'] !== InnovationScored.name) continue;
      const { data } = InnovationScored.parse(event.detail);
      const known = latest.get(data.innovationId);
      if (!known || known.revision < data.revision) latest.set(data.innovationId, data);
    }
    expect(latest.size).toBeGreaterThanOrEqual(3);
    const items = await scanTable(platform, 'scoring');
    for (const cycleId of new Set([...latest.values()].map((score) => score.cycleId))) {
      const scores = [...latest.values()].filter((score) => score.cycleId === cycleId);
      const totals = items.find((item) => item.pk === `CYCLE#${cycleId}` && item.sk === 'TOTALS');
      expect(totals).toMatchObject({ count: scores.length, sumScores: scores.reduce((sum, s) => sum + s.score, 0) });
      for (const opdId of new Set(scores.map((score) => score.opdId))) {
        const row = items.find((item) => item.pk === `CYCLE#${cycleId}` && item.sk === `OPD#${opdId}`);
        const expected = Object.fromEntries(
          [...latest.entries()]
            .filter(([, score]) => score.cycleId === cycleId && score.opdId === opdId)
            .map(([id, score]) => [id, score.score]),
        );
        const kept = Object.fromEntries(
          Object.entries((row?.innovations ?? {}) as Record<string, { score: number }>).map(([id, entry]) => [
            id,
            entry.score,
          ]),
        );
        expect(kept).toEqual(expected);
      }
    }
  });
});
