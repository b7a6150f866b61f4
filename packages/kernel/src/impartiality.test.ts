import { describe, expect, it } from 'vitest';
import { acting } from './actors';
import type { Caller } from './identity';
import { assertImpartial } from './impartiality';

const owned = { opdId: 'dinkes' };
const as = (caller: Caller) => acting(caller, ['coordinator', 'admin', 'evaluator', 'opd'], 'c1');

describe('assertImpartial', () => {
  it("refuses anyone deciding on their own OPD's work, under any role", () => {
    for (const roles of [['coordinator'], ['admin'], ['evaluator']] as const) {
      expect(() => assertImpartial(as({ sub: 's', username: 'u', roles, opdId: 'dinkes' }), owned)).toThrow(
        expect.objectContaining({ code: 'conflict-of-interest', status: 403 }),
      );
    }
  });

  it('lets a decider of another OPD decide', () => {
    expect(() =>
      assertImpartial(as({ sub: 's', username: 'u', roles: ['coordinator'], opdId: 'balitbang' }), owned),
    ).not.toThrow();
  });

  it('refuses a coordinator without an OPD, but not an admin or an evaluator without one', () => {
    expect(() => assertImpartial(as({ sub: 's', username: 'u', roles: ['coordinator'] }), owned)).toThrow(
      expect.objectContaining({ code: 'forbidden', status: 403 }),
    );
    expect(() => assertImpartial(as({ sub: 's', username: 'u', roles: ['admin'] }), owned)).not.toThrow();
    expect(() => assertImpartial(as({ sub: 's', username: 'u', roles: ['evaluator'] }), owned)).not.toThrow();
  });
});
