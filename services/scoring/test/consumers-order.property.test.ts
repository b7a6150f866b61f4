import {
  InnovationDrafted,
  InnovationProfileUpdated,
  InnovationRegistered,
  InnovationWithdrawn,
  StageAdvanced,
} from '@inovda/contracts';
import fc from 'fast-check';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROFILE_EVIDENCE, startHarness } from './harness';

/**
 * Property: whatever order the events of one innovation arrive in, and however often each is delivered, scoring
 * ends up knowing the same about it as when they arrive once, in order.
 */

let h: Awaited<ReturnType<typeof startHarness>>;
let cycleId: string;
beforeAll(async () => {
  h = await startHarness();
  cycleId = await h.openedCycle();
});
afterAll(async () => {
  await h?.stop();
});

const REGISTERED_AT = '2027-02-01T08:00:00.000Z';

function profile(name: string, affairs: string[], base: string) {
  return {
    name,
    opdId: 'dinkes',
    governmentAffairs: affairs as never,
    evidence: PROFILE_EVIDENCE.map((link) => ({ ...link, url: `${base}/${link.indicator}` })) as never,
  };
}

/** The events of one innovation's life, in the order their producers published them. */
function lifeOf(innovationId: string, withdrawn: boolean) {
  const stages = ['drum-up', 'diagnose', 'design', 'deliver'] as const;
  return [
    h.eventOf(InnovationDrafted, {
      innovationId,
      opdId: 'dinkes',
      version: 1,
      name: 'Nama Lama',
      profile: profile('Nama Lama', ['health'], 'https://bukti.example.id/lama'),
    }),
    h.eventOf(InnovationRegistered, {
      innovationId,
      opdId: 'dinkes',
      version: 2,
      name: 'Nama Lama',
      cycleId,
      registeredAt: REGISTERED_AT,
    }),
    h.eventOf(InnovationProfileUpdated, {
      innovationId,
      opdId: 'dinkes',
      version: 3,
      changedFields: ['name', 'evidence', 'governmentAffairs'],
      profile: profile('Nama Baru', ['health', 'education'], 'https://bukti.example.id/baru'),
    }),
    ...[1, 2, 3].map((step) =>
      h.eventOf(StageAdvanced, {
        innovationId,
        opdId: 'dinkes',
        cycleId,
        trackVersion: 1 + step * 2,
        requestId: `01J00000000000000000000RQ${step}`,
        from: stages[step - 1] as never,
        to: stages[step] as never,
      }),
    ),
    ...(withdrawn
      ? [h.eventOf(InnovationWithdrawn, { innovationId, opdId: 'dinkes', version: 4, withdrawnAt: REGISTERED_AT })]
      : []),
  ];
}

/** What scoring knows of an innovation: its facts item, without its own bookkeeping, the id made generic. */
async function factsOf(innovationId: string): Promise<string> {
  const item = (await h.items()).find(
    (candidate) => candidate.pk?.S === `INNOVATION#${innovationId}` && candidate.sk?.S === 'FACTS',
  );
  expect(item).toBeDefined();
  const { version: _version, ...rest } = item ?? {};
  return JSON.stringify(Object.fromEntries(Object.entries(rest).sort())).replaceAll(innovationId, '<id>');
}

describe('the events of one innovation in any order, some twice', () => {
  it('leave scoring knowing what they say in order', async () => {
    const expected: Record<string, string> = {};
    for (const withdrawn of [false, true]) {
      const reference = ulid();
      for (const event of lifeOf(reference, withdrawn)) await h.redeliver(event);
      expected[String(withdrawn)] = await factsOf(reference);
    }
    expect(expected.false).toContain('Nama Baru');
    expect(expected.false).toContain('deliver');

    const order = fc.boolean().chain((withdrawn) => {
      const size = withdrawn ? 7 : 6;
      const indices = Array.from({ length: size }, (_, index) => index);
      return fc.record({
        withdrawn: fc.constant(withdrawn),
        order: fc.shuffledSubarray(indices, { minLength: size, maxLength: size }),
        again: fc.array(fc.nat(size - 1), { maxLength: 3 }),
      });
    });
    await fc.assert(
      fc.asyncProperty(order, async ({ withdrawn, order: permutation, again }) => {
        const innovationId = ulid();
        const events = lifeOf(innovationId, withdrawn);
        for (const index of [...permutation, ...again]) await h.redeliver(events[index] as (typeof events)[number]);
        expect(await factsOf(innovationId)).toBe(expected[String(withdrawn)]);
      }),
      { numRuns: 25 },
    );
  });
});
