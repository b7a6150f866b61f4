import { describe, expect, it } from 'vitest';
import { actingRole, canSee, isOwnerOpd } from './identity';

describe('actingRole', () => {
  it('records the most privileged role the route allows', () => {
    const caller = { sub: 's', username: 'u', roles: ['opd', 'admin'] as const };
    expect(actingRole(caller, ['opd', 'admin'])).toBe('admin');
    expect(actingRole(caller, ['opd'])).toBe('opd');
    expect(() => actingRole(caller, ['evaluator'])).toThrow();
  });
});

describe('canSee and isOwnerOpd', () => {
  const owned = { opdId: 'dinkes' };
  it('lets programme staff see every OPD and an OPD user only its own', () => {
    expect(canSee({ sub: 'k', username: 'k', roles: ['coordinator'] }, owned)).toBe(true);
    expect(canSee({ sub: 'e', username: 'e', roles: ['evaluator'] }, owned)).toBe(true);
    expect(canSee({ sub: 'a', username: 'a', roles: ['admin'] }, owned)).toBe(true);
    expect(canSee({ sub: 'd', username: 'd', roles: ['opd'], opdId: 'dinkes' }, owned)).toBe(true);
    expect(canSee({ sub: 'c', username: 'c', roles: ['opd'], opdId: 'disdukcapil' }, owned)).toBe(false);
    expect(canSee({ sub: 'x', username: 'x', roles: ['opd'] }, owned)).toBe(false);
  });

  it('calls only an OPD user of the owning OPD the owner (staff with an OPD are not)', () => {
    expect(isOwnerOpd({ sub: 'd', username: 'd', roles: ['opd'], opdId: 'dinkes' }, owned)).toBe(true);
    expect(isOwnerOpd({ sub: 'k', username: 'k', roles: ['coordinator'], opdId: 'dinkes' }, owned)).toBe(false);
    expect(isOwnerOpd({ sub: 'c', username: 'c', roles: ['opd'], opdId: 'disdukcapil' }, owned)).toBe(false);
  });
});
