import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { counterShardOf, opdRowKey } from '../src/store/keys';
import { type Harness, startHarness } from './harness';

let api: Harness;
beforeAll(async () => {
  api = await startHarness();
});
afterAll(async () => {
  await api?.stop();
});

describe('board rows', () => {
  it("counts a track on its OPD's shard, and still reads counts written on the OPD row before the shards", async () => {
    const cycleId = await api.openedCycle();
    expect((await api.commit('dinkes', cycleId, 'dinkes', { pledged: 3 })).status).toBe(200);
    const first = await api.registered(cycleId, 'dinkes');
    const second = await api.registered(cycleId, 'dinkes');
    // Counts of an older layout: on the OPD row itself (beside the pledge), and a cycle-wide FUNNEL row.
    for (const key of [opdRowKey(cycleId, 'dinkes'), { pk: `CYCLE#${cycleId}`, sk: 'FUNNEL' }]) {
      await api.db.send(
        new UpdateCommand({
          TableName: api.tableName,
          Key: key,
          UpdateExpression: 'ADD #registered :five, #drumUp :five',
          ExpressionAttributeNames: { '#registered': 'registered', '#drumUp': 'stage_drum-up' },
          ExpressionAttributeValues: { ':five': 5 },
        }),
      );
    }

    const rows = (await api.items())
      .filter((item) => item.pk?.S === `CYCLE#${cycleId}` && item.sk?.S?.startsWith('OPD#dinkes#'))
      .map((item) => item.sk?.S);
    expect(rows.sort()).toEqual([...new Set([first, second].map((id) => `OPD#dinkes#${counterShardOf(id)}`))].sort());

    const board = (await api.board('coordinator', cycleId)).body as {
      funnel: { registered: number; stages: Record<string, number> };
      opds: Array<{ opdId: string; pledged: number | null; registered: number; stages: Record<string, number> }>;
    };
    // The FUNNEL row is not read: the funnel is the sum of the OPDs, legacy counts on the OPD row included.
    expect(board.funnel).toMatchObject({ registered: 7, stages: { 'drum-up': 7 } });
    expect(board.opds.find((opd) => opd.opdId === 'dinkes')).toMatchObject({
      pledged: 3,
      registered: 7,
      stages: { 'drum-up': 7 },
    });
    expect(board.opds.find((opd) => opd.opdId === 'disdukcapil')).toMatchObject({ pledged: null, registered: 0 });
  });
});
