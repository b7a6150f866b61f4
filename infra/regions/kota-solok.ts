import { defineRegion } from './region-config';

/** Kota Solok (West Sumatra): the reference region. OPDs from the domain notes. */
export const kotaSolok = defineRegion({
  id: 'kota-solok',
  displayName: 'Pemerintah Kota Solok',
  kind: 'kota',
  aws: { region: 'ap-southeast-3' },
  opds: [
    { id: 'balitbang', name: 'Badan Penelitian dan Pengembangan', coordinator: true },
    { id: 'bappeda', name: 'Badan Perencanaan Pembangunan Daerah' },
    { id: 'dinkes', name: 'Dinas Kesehatan' },
    { id: 'distan', name: 'Dinas Pertanian' },
    { id: 'dpmptsp', name: 'Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu' },
    { id: 'disdukcapil', name: 'Dinas Kependudukan dan Pencatatan Sipil' },
    { id: 'disdik', name: 'Dinas Pendidikan' },
    { id: 'dinsos', name: 'Dinas Sosial' },
    { id: 'dishub', name: 'Dinas Perhubungan' },
    { id: 'diskominfo', name: 'Dinas Komunikasi dan Informatika' },
    { id: 'bpkd', name: 'Badan Pengelolaan Keuangan Daerah' },
    { id: 'rsud', name: 'Rumah Sakit Umum Daerah' },
  ],
  rubricEdition: 'iid-2026',
  production: true,
  logRetentionDays: 365,
  api: {
    throttleRatePerSecond: 50,
    throttleBurst: 100,
    allowedOrigins: ['https://inovasi.solokkota.go.id'],
  },
  notifications: { senderEmail: 'inovasi@solokkota.go.id' },
  alarmEmail: 'tim-ti@solokkota.go.id',
});
