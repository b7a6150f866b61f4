import { expectProblem } from '@inovda/lambda-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness';

/**
 * Registration goes only into an open programme cycle, which submissions learns from the workflow service's
 * CycleOpened/CycleClosed (its own projection). A table of its own: these tests open and close cycles.
 */

let api: Harness;
beforeAll(async () => {
  api = await startHarness();
});
afterAll(async () => {
  await api?.stop();
});

async function draft(): Promise<string> {
  const response = await api.create('dinkes', { name: `Inovasi ${Math.random()}`, opdId: 'dinkes' });
  expect(response.status).toBe(201);
  return response.body.id as string;
}

describe('registering into a programme cycle', () => {
  it('is refused while no cycle is open, and changes nothing', async () => {
    const id = await draft();
    expectProblem(await api.act('dinkes', id, 'register'), 'no-open-cycle');
    expectProblem(await api.act('dinkes', id, 'register', { cycleId: 'never-heard-of' }), 'unknown-cycle');
    expect((await api.get('dinkes', id)).body).toMatchObject({ status: 'draft', version: 1 });
  });

  it('goes into the only open cycle by default, or the one named', async () => {
    await api.deliverCycleEvent('CycleOpened', 'cycle-a');
    const first = await draft();
    expect((await api.act('dinkes', first, 'register')).body).toMatchObject({
      status: 'registered',
      cycleId: 'cycle-a',
    });

    await api.deliverCycleEvent('CycleOpened', 'cycle-b');
    const second = await draft();
    const ambiguous = await api.act('dinkes', second, 'register');
    expectProblem(ambiguous, 'validation-failed');
    expect(ambiguous.body.errors).toEqual([expect.objectContaining({ path: '/cycleId' })]);
    expect((await api.act('dinkes', second, 'register', { cycleId: 'cycle-b' })).body.cycleId).toBe('cycle-b');
    expectProblem(await api.act('dinkes', second, 'register', { cycleId: 'bad id!' }), 'validation-failed');
  });

  it('is refused into a closed cycle', async () => {
    await api.deliverCycleEvent('CycleOpened', 'cycle-c');
    await api.deliverCycleEvent('CycleClosed', 'cycle-c');
    const id = await draft();
    expectProblem(await api.act('dinkes', id, 'register', { cycleId: 'cycle-c' }), 'cycle-closed');
    expect((await api.get('dinkes', id)).body.status).toBe('draft');
  });

  it('keeps a cycle closed when its CycleOpened arrives after the CycleClosed, and ignores redelivery', async () => {
    await api.deliverCycleEvent('CycleClosed', 'cycle-late');
    const openedId = await api.deliverCycleEvent('CycleOpened', 'cycle-late');
    await api.deliverCycleEvent('CycleOpened', 'cycle-late', openedId);
    const id = await draft();
    expectProblem(await api.act('dinkes', id, 'register', { cycleId: 'cycle-late' }), 'cycle-closed');
    const processed = (await api.items()).filter((item) => item.pk?.S === `PROCESSED#cycle-projection#${openedId}`);
    expect(processed).toHaveLength(1);
  });
});

describe('a registration the workflow refused', () => {
  it('goes back to a draft in no cycle, once, with the reason in its history; nothing else is taken back', async () => {
    await api.deliverCycleEvent('CycleOpened', 'cycle-refused');
    const id = await draft();
    const registered = await api.act('dinkes', id, 'register', { cycleId: 'cycle-refused' });
    expect(registered.body).toMatchObject({ status: 'registered', cycleId: 'cycle-refused', version: 2 });

    const refusal = await api.deliverRefusal(id, 'cycle-refused', 2);
    const reverted = (await api.get('dinkes', id)).body;
    expect(reverted).toMatchObject({ status: 'draft', version: 3 });
    expect(reverted).not.toHaveProperty('cycleId');
    expect(reverted).not.toHaveProperty('registeredAt');
    const history = (await api.versions('dinkes', id)).body.items as Array<Record<string, unknown>>;
    expect(history.at(-1)).toMatchObject({
      version: 3,
      action: 'registration-refused',
      actor: { role: 'system' },
      note: expect.stringMatching(/siklus program inovasi sudah ditutup/),
    });

    // Delivered again: nothing more changes.
    await api.consume('registration-refusals', refusal);
    expect((await api.get('dinkes', id)).body).toMatchObject({ status: 'draft', version: 3 });

    // A refusal of another cycle, or of a withdrawn innovation, takes nothing back.
    const other = await draft();
    await api.act('dinkes', other, 'register', { cycleId: 'cycle-refused' });
    await api.deliverRefusal(other, 'cycle-other', 2);
    expect((await api.get('dinkes', other)).body).toMatchObject({ status: 'registered', version: 2 });
    await api.act('dinkes', other, 'withdraw');
    await api.deliverRefusal(other, 'cycle-refused', 2);
    expect((await api.get('dinkes', other)).body).toMatchObject({ status: 'withdrawn', version: 3 });
  });
});
