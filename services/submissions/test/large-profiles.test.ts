import { expectProblem } from '@inovda/lambda-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROFILE_BUDGET_BYTES } from '../src/domain/profile-input';
import { type Harness, type Response, startHarness } from './harness';

/** Big profiles: the size budget, and lists whose pages stop at DynamoDB's 1 MB before the page size. */

let api: Harness;
beforeAll(async () => {
  api = await startHarness();
});
afterAll(async () => {
  await api?.stop();
});

/** A profile field of about `kb` KB of text (under each field's own limit). */
const bulk = (kb: number) =>
  'Inovasi pelayanan publik daerah. '.repeat(Math.ceil((kb * 1024) / 34)).slice(0, kb * 1024);

describe('profile size budget', () => {
  it('refuses a patch that would grow the profile past the budget, however it is split', async () => {
    const created = await api.create('dinkes', { name: 'Besar', opdId: 'dinkes', designNarrative: bulk(29) });
    const id = created.body.id as string;
    let version = 1;
    let refused: Response | undefined;
    for (const field of ['problemStatement', 'rootCause', 'results', 'goals', 'benefits', 'beneficiaries']) {
      const limitKb = field === 'goals' || field === 'benefits' || field === 'beneficiaries' ? 4 : 9;
      const response = await api.update('dinkes', id, { [field]: bulk(limitKb) }, { 'if-match': `"${version}"` });
      if (response.status !== 200) {
        refused = response;
        break;
      }
      version = response.body.version as number;
    }
    // Field limits alone allow more than the budget through evidence: fill it until refused.
    for (let round = 0; !refused && round < 20; round++) {
      const evidence = Array.from({ length: 100 }, (_, i) => ({
        indicator: 'benefit',
        url: `https://solokkota.go.id/bukti/${round}/${i}/${'x'.repeat(1_800)}`,
        title: 'Bukti dukung',
      }));
      const response = await api.update('dinkes', id, { evidence }, { 'if-match': `"${version}"` });
      if (response.status !== 200) refused = response;
      else version = response.body.version as number;
      if (response.status === 200) {
        const grow = await api.update('dinkes', id, { name: `Besar ${round}` }, { 'if-match': `"${version}"` });
        version = grow.body.version as number;
      }
    }
    expect(refused).toBeDefined();
    expectProblem(refused as Response, 'profile-too-large');
    expect((refused as Response).body.limitBytes).toBe(PROFILE_BUDGET_BYTES);
    expect((await api.get('dinkes', id)).body.version).toBe(version);
  });
});

describe('pages of big profiles', () => {
  it('still offer a cursor when DynamoDB stops a page at 1 MB, and reach every item', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 14; i++) {
      const response = await api.create('capil', {
        name: `Besar ${i}`,
        opdId: 'disdukcapil',
        designNarrative: bulk(29),
        problemStatement: bulk(9),
        rootCause: bulk(9),
        results: bulk(9),
        evidence: Array.from({ length: 40 }, (_, j) => ({
          indicator: 'benefit',
          url: `https://solokkota.go.id/bukti/${i}/${j}/${'x'.repeat(1_800)}`,
        })),
      });
      expect(response.status).toBe(201);
      ids.push(response.body.id as string);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Response = await api.list('capil', { limit: '100', ...(cursor ? { cursor } : {}) });
      expect(page.status).toBe(200);
      seen.push(...(page.body.items as Array<{ id: string }>).map((item) => item.id));
      cursor = page.body.nextCursor as string | null;
      pages++;
    } while (cursor && pages < 20);
    expect(pages, `pages for ${ids.length} items of ~130 KB`).toBeGreaterThan(1);
    expect(seen.sort()).toEqual(ids.sort());
  });
});
