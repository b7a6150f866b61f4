import { ROLES } from '@inovda/kernel';
import { describe, expect, it } from 'vitest';
import type { LocalRegion } from '../local-region';
import { devUsersFor } from './dev-users';

const solok: LocalRegion = {
  id: 'kota-solok',
  displayName: 'Pemerintah Kota Solok',
  opds: [
    { id: 'balitbang', name: 'Badan Penelitian dan Pengembangan', coordinator: true },
    { id: 'bappeda', name: 'Badan Perencanaan Pembangunan Daerah' },
    { id: 'dinkes', name: 'Dinas Kesehatan' },
    { id: 'distan', name: 'Dinas Pertanian' },
    { id: 'dpmptsp', name: 'Dinas Penanaman Modal dan PTSP' },
    { id: 'disdukcapil', name: 'Dinas Kependudukan dan Pencatatan Sipil' },
  ],
};

describe('devUsersFor', () => {
  const users = devUsersFor(solok);

  it('has at least one user per role', () => {
    for (const role of ROLES) expect(users.some((user) => user.roles.includes(role))).toBe(true);
  });

  it('spreads OPD users over the demo OPDs and puts the coordinator in the coordinating OPD', () => {
    expect(users.filter((user) => user.roles.includes('opd')).map((user) => user.opdId)).toEqual([
      'dinkes',
      'disdukcapil',
      'dpmptsp',
      'distan',
    ]);
    expect(users.find((user) => user.username === 'koordinator')).toMatchObject({
      roles: ['coordinator'],
      opdId: 'balitbang',
    });
    expect(users.find((user) => user.username === 'penilai')?.opdId).toBeUndefined();
    expect(users.map((user) => user.username)).toEqual(
      expect.arrayContaining([
        'opd.dinkes',
        'opd.disdukcapil',
        'opd.dpmptsp',
        'opd.distan',
        'koordinator',
        'penilai',
        'admin',
      ]),
    );
  });

  it('gives every user a stable, distinct UUID sub', () => {
    const again = devUsersFor(solok);
    expect(again.map((user) => user.sub)).toEqual(users.map((user) => user.sub));
    expect(new Set(users.map((user) => user.sub)).size).toBe(users.length);
    for (const user of users)
      expect(user.sub).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('falls back to the first OPDs of a region without the demo ones', () => {
    const other = devUsersFor({
      id: 'x',
      displayName: 'X',
      opds: [
        { id: 'brida', name: 'BRIDA', coordinator: true },
        { id: 'dinsos', name: 'Dinas Sosial' },
      ],
    });
    expect(other.filter((user) => user.roles.includes('opd')).map((user) => user.username)).toEqual(['opd.dinsos']);
  });
});
