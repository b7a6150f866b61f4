import { InnovationDrafted, InnovationRegistered, InnovationWithdrawn } from '@inovda/contracts';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegistrationStore } from '../src/store/registration-store';
import type { TrackStore } from '../src/store/track-store';
import { closeTrack } from '../src/use-cases/consumers';
import type { Deps, TrackEventDeps } from '../src/use-cases/context';
import { checkDeadlines } from '../src/use-cases/deadlines';
import { type Harness, startHarness, windows } from './harness';

let api: Harness;
beforeAll(async () => {
  api = await startHarness();
});
afterAll(async () => {
  await api?.stop();
});

/** Deps whose track store runs `meanwhile` once, after its first read and before the write that follows it. */
function withInterleaving<D extends Deps>(deps: D, meanwhile: () => Promise<unknown>): D {
  const base = deps.tracks;
  let pending: (() => Promise<unknown>) | undefined = meanwhile;
  const tracks = Object.create(base) as TrackStore;
  tracks.change = async (...args: Parameters<TrackStore['change']>) => {
    const run = pending;
    pending = undefined;
    if (run) await run();
    return base.change(...args);
  };
  return { ...deps, tracks };
}

function withdrawal(innovationId: string) {
  return InnovationWithdrawn.create(
    { innovationId, opdId: 'dinkes', version: 9, withdrawnAt: new Date().toISOString() },
    {
      eventId: ulid(),
      occurredAt: new Date().toISOString(),
      regionId: 'kota-solok',
      correlationId: 'race',
      actor: { sub: 'sub-dinkes', username: 'opd.dinkes', role: 'opd', opdId: 'dinkes' },
    },
  ).detail;
}

/** Deps whose registration store runs `meanwhile` once, just before the withdrawal's tombstone is written. */
function beforeTombstone<D extends TrackEventDeps>(deps: D, meanwhile: () => Promise<unknown>): D {
  const base = deps.registrations;
  let pending: (() => Promise<unknown>) | undefined = meanwhile;
  const registrations = Object.create(base) as RegistrationStore;
  registrations.putTombstone = async (...args: Parameters<RegistrationStore['putTombstone']>) => {
    const run = pending;
    pending = undefined;
    if (run) await run();
    return base.putTombstone(...args);
  };
  return { ...deps, registrations };
}

describe('races', () => {
  it('a withdrawal that read no track, while the registration opened one, withdraws that track', async () => {
    const cycleId = await api.openedCycle();
    const innovationId = ulid();
    const name = 'Daftar lalu tarik';
    const register = async () => {
      await api.deliver(InnovationDrafted, {
        innovationId,
        opdId: 'dinkes',
        version: 1,
        name,
        profile: { name, opdId: 'dinkes' },
      });
      await api.deliver(InnovationRegistered, {
        innovationId,
        opdId: 'dinkes',
        version: 2,
        name,
        cycleId,
        registeredAt: new Date().toISOString(),
      });
    };
    const deps = beforeTombstone(api.depsAt(new Date()), register);
    expect(await closeTrack(deps, withdrawal(innovationId))).toBe('applied');
    expect((await api.track('coordinator', innovationId)).body).toMatchObject({ status: 'withdrawn' });
    const board = await api.board('coordinator', cycleId);
    expect(board.body.funnel).toMatchObject({ registered: 1, withdrawn: 1, stages: { 'drum-up': 0 } });
  });

  it('a withdrawal that loses to a concurrent approval is re-applied on a fresh read, counters consistent', async () => {
    const cycleId = await api.openedCycle();
    const id = await api.registered(cycleId);
    const requestId = (await api.requestAdvance('dinkes', id)).body.requestId as string;
    const deps = withInterleaving(api.depsAt(new Date()), () => api.approve('coordinator2', id, requestId));
    expect(await closeTrack(deps, withdrawal(id))).toBe('applied');
    expect((await api.track('coordinator', id)).body).toMatchObject({ status: 'withdrawn', stage: 'diagnose' });
    const board = await api.board('coordinator', cycleId);
    expect(board.body.funnel).toMatchObject({ withdrawn: 1, stages: { 'drum-up': 0, diagnose: 0 } });
  });

  it('a deadline run racing a decision announces nothing for the old stage; a later run finds the new one', async () => {
    const past = { ...windows(2020), display: { start: '2020-10-01', due: '2099-12-31' } };
    const cycleId = await api.openedCycle(past);
    const id = await api.registered(cycleId);
    const requestId = (await api.requestAdvance('dinkes', id)).body.requestId as string;
    const deps = withInterleaving(api.depsAt(new Date()), () => api.approve('coordinator2', id, requestId));
    await checkDeadlines(deps, 'race-run');
    const overdue = () =>
      api.outbox('StageOverdue').then((events) => events.filter((event) => event.data.innovationId === id));
    expect(await overdue()).toHaveLength(0);
    await checkDeadlines(api.depsAt(new Date()), 'next-run');
    await checkDeadlines(api.depsAt(new Date()), 'run-after');
    const announced = await overdue();
    expect(announced.map((event) => event.data.stage)).toEqual(['diagnose']);
    expect(announced[0]?.data.trackVersion).toBe((await api.track('dinkes', id)).body.version);
    const history = (await api.history('dinkes', id)).body.items as Array<{ action: string; actor: { role: string } }>;
    expect(history.at(-1)).toMatchObject({ action: 'stage-overdue', actor: { role: 'system' } });
  });
});
