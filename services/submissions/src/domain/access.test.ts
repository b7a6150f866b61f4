import { type Caller, canSee } from '@inovda/kernel';
import { describe, expect, it } from 'vitest';
import { assertCanCreateFor, assertCanWrite, canWrite } from './access';

const opdDinkes: Caller = { sub: '1', username: 'opd.dinkes', roles: ['opd'], opdId: 'dinkes' };
const opdCapil: Caller = { sub: '2', username: 'opd.capil', roles: ['opd'], opdId: 'disdukcapil' };
const coordinator: Caller = { sub: '3', username: 'koordinator', roles: ['coordinator'], opdId: 'balitbang' };
const evaluator: Caller = { sub: '4', username: 'penilai', roles: ['evaluator'] };
const admin: Caller = { sub: '5', username: 'admin', roles: ['admin'] };
const innovation = { opdId: 'dinkes' };

describe('access to an innovation', () => {
  it('lets the owner OPD and staff read, and hides it from other OPDs', () => {
    expect(canSee(opdDinkes, innovation)).toBe(true);
    expect(canSee(opdCapil, innovation)).toBe(false);
    for (const staff of [coordinator, evaluator, admin]) expect(canSee(staff, innovation)).toBe(true);
  });

  it('lets only the owner OPD and admins write', () => {
    expect(canWrite(opdDinkes, innovation)).toBe(true);
    expect(canWrite(admin, innovation)).toBe(true);
    for (const other of [opdCapil, coordinator, evaluator]) expect(canWrite(other, innovation)).toBe(false);
  });

  it('answers 404 to a caller who may not even read, 403 to staff who may read but not write', () => {
    expect(() => assertCanWrite(opdCapil, innovation)).toThrow(expect.objectContaining({ code: 'not-found' }));
    expect(() => assertCanWrite(coordinator, innovation)).toThrow(expect.objectContaining({ code: 'forbidden' }));
    expect(() => assertCanWrite(opdDinkes, innovation)).not.toThrow();
  });

  it('lets an OPD user create only for its own OPD, and anyone only for OPDs of the region', () => {
    const region = new Set(['dinkes', 'disdukcapil']);
    expect(() => assertCanCreateFor(opdDinkes, 'dinkes', region)).not.toThrow();
    expect(() => assertCanCreateFor(opdDinkes, 'disdukcapil', region)).toThrow(
      expect.objectContaining({ code: 'forbidden' }),
    );
    expect(() => assertCanCreateFor(admin, 'disdukcapil', region)).not.toThrow();
    expect(() => assertCanCreateFor(admin, 'atlantis', region)).toThrow(
      expect.objectContaining({ code: 'validation-failed' }),
    );
  });
});
