import { InnovationLaunched } from '@inovda/contracts';
import { expectProblem, expectWellFormedRefusal } from '@inovda/lambda-kit/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness';

/**
 * The public showcase: an innovation appears once the workflow launches it (InnovationLaunched, it entered Display),
 * with its public fields only, read by anyone without a token. A table of its own: these tests launch innovations.
 */

let api: Harness;
beforeAll(async () => {
  api = await startHarness();
});
afterAll(async () => {
  await api?.stop();
});

/** A full profile, private fields included, so the test sees which of them stay private. */
function profile(name: string, opdId = 'dinkes') {
  return {
    name,
    opdId,
    governmentAffairs: ['health'],
    goals: 'Setiap balita tercatat dan terpantau tumbuh kembangnya.',
    results: 'Cakupan penimbangan naik dari 61% menjadi 88%.',
    problemStatement: 'Data balita tercatat di buku dan sering hilang.',
    budgetSource: 'apbd',
    contactPerson: { name: 'dr. Rina', phone: '0812 1111 2222', email: 'rina@dinkes.solokkota.go.id' },
    evidence: [{ indicator: 'regulation', url: 'https://jdih.solokkota.go.id/perwako-12-2026.pdf' }],
  };
}

async function draft(name: string, opdId = 'dinkes'): Promise<string> {
  const response = await api.create(opdId === 'dinkes' ? 'dinkes' : 'capil', profile(name, opdId));
  expect(response.status).toBe(201);
  return response.body.id as string;
}

interface ShowcasePage {
  items: Array<{ id: string }>;
  nextCursor: string | null;
}

/** The ids a showcase page lists, in order. */
const idsOf = (response: { body: unknown }) => (response.body as ShowcasePage).items.map((item) => item.id);

function launch(innovationId: string, opdId = 'dinkes', launchedAt = new Date().toISOString()) {
  return api.publish(
    InnovationLaunched,
    { innovationId, opdId, cycleId: 'cycle-2027', trackVersion: 9, launchedAt },
    { actor: { sub: 'system', username: 'workflow', role: 'system' } },
  );
}

describe('the public showcase', () => {
  it('shows a launched innovation with its public fields only, to a caller without a token', async () => {
    const id = await draft('Posyandu Digital');
    expectProblem(await api.showcased(id), 'not-found');
    expect(idsOf(await api.showcase())).not.toContain(id);

    const launchedAt = '2027-11-03T02:00:00.000Z';
    await launch(id, 'dinkes', launchedAt);
    const one = await api.showcased(id);
    expect(one.status).toBe(200);
    expect(one.headers['cache-control']).toBe('public, max-age=60');
    // Exactly these fields: no contact person, evidence, budget, problem statement, status or version.
    expect(one.body).toEqual({
      id,
      name: 'Posyandu Digital',
      opdId: 'dinkes',
      opdName: 'Dinas Kesehatan',
      governmentAffairs: ['health'],
      summary: 'Setiap balita tercatat dan terpantau tumbuh kembangnya.',
      results: 'Cakupan penimbangan naik dari 61% menjadi 88%.',
      launchedAt,
    });
    const list = await api.showcase();
    expect(list.body.items).toContainEqual(one.body);
  });

  it('applies a launch delivered twice once, and follows later profile changes', async () => {
    const id = await draft('Kartu Identitas Anak Keliling');
    const event = await launch(id);
    await api.republish(event);
    const entries = (await api.items()).filter(
      (item) => item.pk?.S === `INNOVATION#${id}` && item.sk?.S === 'SHOWCASE',
    );
    expect(entries).toHaveLength(1);

    const current = await api.get('dinkes', id);
    const renamed = await api.update(
      'dinkes',
      id,
      { name: 'KIA Keliling', results: null },
      { 'if-match': current.headers.etag ?? '' },
    );
    expect(renamed.status).toBe(200);
    const shown = await api.showcased(id);
    expect(shown.body.name).toBe('KIA Keliling');
    expect(shown.body).not.toHaveProperty('results');
  });

  it('hides an innovation withdrawn after its launch', async () => {
    const id = await draft('Antar Obat Lansia');
    await launch(id);
    expect((await api.showcased(id)).status).toBe(200);
    expect((await api.act('dinkes', id, 'withdraw', { reason: 'Dihentikan.' })).status).toBe(200);
    expectProblem(await api.showcased(id), 'not-found');
    expect(idsOf(await api.showcase())).not.toContain(id);
  });

  it("lists newest launch first, page by page, and one OPD's launches on their own", async () => {
    const launches = ['2030-01-01T00:00:00.000Z', '2030-01-02T00:00:00.000Z', '2030-01-03T00:00:00.000Z'];
    const ids: string[] = [];
    for (const [index, launchedAt] of launches.entries()) {
      const id = await draft(`Inovasi Dukcapil ${index}`, 'disdukcapil');
      await launch(id, 'disdukcapil', launchedAt);
      ids.push(id);
    }
    const first = await api.showcase({ opdId: 'disdukcapil', limit: '2' });
    const cursor = (first.body as unknown as ShowcasePage).nextCursor ?? '';
    expect(idsOf(first)).toEqual([ids[2], ids[1]]);
    expect(cursor).not.toBe('');
    const second = await api.showcase({ opdId: 'disdukcapil', limit: '2', cursor });
    expect(second.body).toEqual({ items: [expect.objectContaining({ id: ids[0] })], nextCursor: null });
    // The whole showcase starts with the latest launch of any OPD (these are the latest in this table).
    expect(idsOf(await api.showcase({ limit: '1' }))).toEqual([ids[2]]);
    // Another OPD's cursor is refused, never a database error.
    expectProblem(await api.showcase({ opdId: 'dinkes', cursor }), 'invalid-cursor');
  });

  it('refuses any malformed query or id with a catalogued problem and never a 5xx', async () => {
    const queryKeys = fc.constantFrom('opdId', 'limit', 'cursor', 'status', '__proto__');
    const queryValues = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom('dinkes', '0', '101', '-1', '2.5', 'NaN', 'eyJwayI6IngifQ', 'x'.repeat(3000)),
    );
    await fc.assert(
      fc.asyncProperty(fc.dictionary(queryKeys, queryValues, { maxKeys: 4 }), async (query) => {
        const response = await api.showcase(query);
        if (response.status !== 200) expectWellFormedRefusal(response);
      }),
      { numRuns: 60 },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({ maxLength: 40 }), fc.constant('01JZZZZZZZZZZZZZZZZZZZZZZZ')),
        async (id) => {
          const response = await api.showcased(id);
          expect(response.status).toBe(404);
          expectWellFormedRefusal(response);
        },
      ),
      { numRuns: 40 },
    );
  });
});
