import { defineRegion } from './region-config';

/** Kabupaten Aceh Jaya: a region that visited Kota Solok to replicate its programme. */
export const kabupatenAcehJaya = defineRegion({
  id: 'kabupaten-aceh-jaya',
  displayName: 'Pemerintah Kabupaten Aceh Jaya',
  kind: 'kabupaten',
  aws: { region: 'ap-southeast-3' },
  opds: [
    { id: 'bappeda', name: 'Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah', coordinator: true },
    { id: 'dinkes', name: 'Dinas Kesehatan' },
    { id: 'disdik', name: 'Dinas Pendidikan dan Kebudayaan' },
    { id: 'disdukcapil', name: 'Dinas Kependudukan dan Pencatatan Sipil' },
    { id: 'dpmptsp', name: 'Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu' },
    { id: 'dinsos', name: 'Dinas Sosial' },
  ],
  rubricEdition: 'iid-2026',
  production: false,
  logRetentionDays: 90,
  api: {
    throttleRatePerSecond: 20,
    throttleBurst: 40,
    allowedOrigins: ['https://inovasi.acehjayakab.go.id'],
  },
  notifications: { senderEmail: 'inovasi@acehjayakab.go.id' },
  alarmEmail: 'diskominfo@acehjayakab.go.id',
});
