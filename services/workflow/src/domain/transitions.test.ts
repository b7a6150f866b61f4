import { STAGES, type Stage } from '@inovda/contracts';
import { type Acting, acting, type Caller } from '@inovda/kernel';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Track } from './track';
import {
  addDays,
  approve,
  assertMayReview,
  firstMonevDue,
  hold,
  recordMaturity,
  requestAdvance,
  resume,
  returnRequest,
  withdraw,
} from './transitions';

const opd = { sub: 'sub-dinkes', username: 'opd.dinkes', role: 'opd' as const };
/** A caller deciding on a route open to the owner OPD and programme staff (as approve and return are). */
const deciding = (caller: Caller): Acting => acting(caller, ['opd', 'coordinator', 'admin'], 'test');
const coordinatorCaller: Caller = {
  sub: 'sub-koor',
  username: 'koordinator',
  roles: ['coordinator'],
  opdId: 'balitbang',
};
const coordinator = deciding(coordinatorCaller);
const dinkesUser = deciding({ sub: 'sub-dinkes', username: 'opd.dinkes', roles: ['opd'], opdId: 'dinkes' });
const at = '2027-03-01T00:00:00.000Z';

function track(overrides: Partial<Track> = {}): Track {
  return {
    innovationId: '01J0000000000000000000000A',
    opdId: 'dinkes',
    cycleId: '01J0000000000000000000000C',
    name: 'Inovasi',
    stage: 'drum-up',
    status: 'active',
    version: 1,
    openedAt: at,
    stageEnteredAt: at,
    monevIntervalDays: 30,
    ...overrides,
  };
}

const windows = Object.fromEntries(
  STAGES.map((stage) => [stage, { start: '2027-01-01', due: `2027-0${STAGES.indexOf(stage) + 2}-01` }]),
) as Record<Stage, { start: string; due: string }>;

type Command = 'request' | 'approve' | 'return' | 'hold' | 'resume' | 'withdraw';

/** Applies a command the way the use cases do; an illegal one throws a 409 problem and leaves the track as it was. */
function apply(current: Track, command: Command, n: number): Track {
  switch (command) {
    case 'request':
      return requestAdvance(current, { requestId: `r${n}`, at, by: opd }).track;
    case 'approve': {
      const pending = assertMayReview(current, current.pendingRequest?.requestId ?? 'none', coordinator);
      return approve(current, pending, at, windows);
    }
    case 'return':
      assertMayReview(current, current.pendingRequest?.requestId ?? 'none', coordinator);
      return returnRequest(current);
    case 'hold':
      return hold(current, coordinator);
    case 'resume':
      return resume(current, coordinator);
    case 'withdraw':
      if (current.status === 'withdrawn') return current;
      return withdraw(current, at);
  }
}

describe('the 5D track (properties)', () => {
  const commands = fc.array(fc.constantFrom<Command>('request', 'approve', 'return', 'hold', 'resume', 'withdraw'), {
    maxLength: 40,
  });

  it('moves one stage at a time, forward only; versions grow by one per accepted change; refusals are 409', () => {
    fc.assert(
      fc.property(commands, (sequence) => {
        let current = track();
        sequence.forEach((command, n) => {
          const before = current;
          try {
            current = apply(current, command, n);
          } catch (error) {
            expect(error).toMatchObject({ code: 'invalid-state', status: 409 });
            return;
          }
          const moved = STAGES.indexOf(current.stage) - STAGES.indexOf(before.stage);
          expect(moved === 0 || (moved === 1 && command === 'approve')).toBe(true);
          if (current !== before) expect(current.version).toBe(before.version + 1);
          if (before.status === 'withdrawn') expect(current).toBe(before);
          if (current.stage === 'display') expect(current.launchedAt).toBeDefined();
        });
      }),
    );
  });

  it('never leaves a pending request on a withdrawn track, and never has two pending', () => {
    fc.assert(
      fc.property(commands, (sequence) => {
        let current = track();
        sequence.forEach((command, n) => {
          try {
            current = apply(current, command, n);
          } catch {
            return;
          }
          if (current.status === 'withdrawn') {
            expect(current.pendingRequest).toBeUndefined();
            expect(current.due).toBeUndefined();
          }
        });
      }),
    );
  });
});

describe('reviewing a request', () => {
  const pendingTrack = requestAdvance(track(), { requestId: 'r1', at, by: opd }).track;

  it('refuses the OPD itself, the requester, and a coordinator of the owning unit', () => {
    expect(() => assertMayReview(pendingTrack, 'r1', dinkesUser)).toThrow(expect.objectContaining({ status: 409 }));
    expect(() => assertMayReview(pendingTrack, 'r1', deciding({ ...coordinatorCaller, sub: 'sub-dinkes' }))).toThrow(
      expect.objectContaining({ status: 409 }),
    );
    expect(() => assertMayReview(pendingTrack, 'r1', deciding({ ...coordinatorCaller, opdId: 'dinkes' }))).toThrow(
      expect.objectContaining({ code: 'conflict-of-interest', status: 403 }),
    );
    const { opdId: _none, ...withoutUnit } = coordinatorCaller;
    expect(() => assertMayReview(pendingTrack, 'r1', deciding(withoutUnit))).toThrow(
      expect.objectContaining({ code: 'forbidden', status: 403 }),
    );
    expect(assertMayReview(pendingTrack, 'r1', coordinator)).toMatchObject({ from: 'drum-up', to: 'diagnose' });
  });

  it("refuses holding or resuming the track of the decider's own OPD, and leaves the track as it was", () => {
    const own = deciding({ ...coordinatorCaller, opdId: 'dinkes' });
    const active = track();
    expect(() => hold(active, own)).toThrow(expect.objectContaining({ code: 'conflict-of-interest' }));
    const held = hold(active, coordinator);
    expect(() => resume(held, own)).toThrow(expect.objectContaining({ code: 'conflict-of-interest' }));
    expect(resume(held, coordinator).status).toBe('active');
    expect(active.status).toBe('active');
  });

  it('refuses a request that is not the pending one', () => {
    expect(() => assertMayReview(pendingTrack, 'r2', coordinator)).toThrow(expect.objectContaining({ status: 409 }));
    expect(() => assertMayReview(track(), 'r1', coordinator)).toThrow(expect.objectContaining({ status: 409 }));
  });

  it("sets the next stage's due date, or the first monev due date on launch", () => {
    const approved = approve(pendingTrack, assertMayReview(pendingTrack, 'r1', coordinator), at, windows);
    expect(approved.due).toEqual({ kind: 'stage', stage: 'diagnose', date: windows.diagnose.due });
    const inDeliver = requestAdvance(track({ stage: 'deliver' }), { requestId: 'r9', at, by: opd }).track;
    const launched = approve(inDeliver, assertMayReview(inDeliver, 'r9', coordinator), at, windows);
    expect(launched).toMatchObject({
      stage: 'display',
      launchedAt: at,
      due: { kind: 'monev', period: 1, date: '2027-03-31' },
    });
  });
});

describe('maturity', () => {
  it('is recorded during Deliver only, forward only, with dates that do not go back', () => {
    expect(() => recordMaturity(track(), 'trial', '2027-03-01')).toThrow(expect.objectContaining({ status: 409 }));
    const trial = recordMaturity(track({ stage: 'deliver' }), 'trial', '2027-03-01');
    expect(trial.maturityDates).toEqual({ trial: '2027-03-01' });
    expect(() => recordMaturity(trial, 'initiative', '2027-03-05')).toThrow(expect.objectContaining({ status: 409 }));
    expect(() => recordMaturity(trial, 'implemented', '2027-02-01')).toThrow(expect.objectContaining({ status: 409 }));
    expect(recordMaturity(trial, 'implemented', '2027-04-01').maturity).toBe('implemented');
  });
});

describe('dates', () => {
  it('adds days across month and year ends', () => {
    expect(addDays('2027-12-20', 15)).toBe('2028-01-04');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(firstMonevDue('2027-12-20T10:00:00Z', 15)).toEqual({ kind: 'monev', period: 1, date: '2028-01-04' });
    expect(firstMonevDue(at, undefined)).toBeUndefined();
  });
});
