import type { LocalRegion } from '@inovda/local';

/** A small region for the runtime's tests (the same OPD ids as Kota Solok, fewer of them). */
export const testRegion: LocalRegion = {
  id: 'kota-uji',
  displayName: 'Pemerintah Kota Uji',
  aws: { region: 'ap-southeast-3' },
  opds: [
    { id: 'balitbang', name: 'Badan Penelitian dan Pengembangan', coordinator: true },
    { id: 'dinkes', name: 'Dinas Kesehatan' },
    { id: 'disdukcapil', name: 'Dinas Kependudukan dan Pencatatan Sipil' },
    { id: 'dpmptsp', name: 'Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu' },
    { id: 'distan', name: 'Dinas Pertanian' },
    { id: 'dishub', name: 'Dinas Perhubungan' },
  ],
};
