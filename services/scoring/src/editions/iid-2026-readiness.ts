import type { ReadinessRowNumbers } from '../domain/scoring-edition';

/**
 * The 2026 edition's region readiness rows (SPD, Satuan Pemerintah Daerah): 20 rows, weights and mandatory flags
 * from DOMAIN.md, maximum 63. Their groups and level bands are texts for people, kept apart in
 * iid-2026-readiness-texts.ts.
 */
export const READINESS_ROWS_2026: ReadinessRowNumbers[] = [
  { code: 'vision-mission', name: 'Inovasi dalam visi dan misi kepala daerah (RPJMD)', weight: 1, mandatory: true },
  {
    code: 'budget-law-timeliness',
    name: 'Penetapan perda APBD tepat waktu dalam 3 tahun terakhir',
    weight: 1,
    mandatory: false,
  },
  { code: 'mandatory-spending', name: 'Pemenuhan belanja wajib (mandatory spending)', weight: 1, mandatory: false },
  { code: 'licensing-quality', name: 'Peningkatan kualitas layanan perizinan', weight: 1, mandatory: true },
  { code: 'income-per-capita-growth', name: 'Pertumbuhan pendapatan per kapita', weight: 1, mandatory: true },
  { code: 'unemployment-trend', name: 'Tren tingkat pengangguran terbuka', weight: 0.75, mandatory: true },
  { code: 'unemployment-rate', name: 'Tingkat pengangguran terbuka tahun terakhir', weight: 0.75, mandatory: true },
  { code: 'investment-growth', name: 'Pertumbuhan nilai investasi', weight: 1.5, mandatory: true },
  { code: 'own-source-revenue-growth', name: 'Pertumbuhan pendapatan asli daerah (PAD)', weight: 1.5, mandatory: true },
  { code: 'audit-opinion', name: 'Opini BPK atas laporan keuangan pemerintah daerah', weight: 1.5, mandatory: true },
  {
    code: 'performance-accountability',
    name: 'Nilai SAKIP (akuntabilitas kinerja instansi pemerintah)',
    weight: 1,
    mandatory: true,
  },
  { code: 'poverty-trend', name: 'Tren tingkat kemiskinan', weight: 0.75, mandatory: true },
  { code: 'poverty-rate', name: 'Tingkat kemiskinan tahun terakhir', weight: 0.75, mandatory: true },
  { code: 'hdi-gain', name: 'Kenaikan IPM', weight: 0.75, mandatory: true },
  { code: 'hdi-level', name: 'Capaian IPM tahun terakhir', weight: 0.75, mandatory: true },
  { code: 'innovator-awards', name: 'Pemberian penghargaan kepada inovator daerah', weight: 2, mandatory: false },
  {
    code: 'policy-recommendations',
    name: 'Rekomendasi kebijakan hasil penelitian yang ditindaklanjuti',
    weight: 1,
    mandatory: false,
  },
  { code: 'policy-quality-index', name: 'Nilai indeks kualitas kebijakan', weight: 1, mandatory: false },
  {
    code: 'science-technology-master-plan',
    name: 'Rencana induk ilmu pengetahuan dan teknologi daerah',
    weight: 1,
    mandatory: false,
  },
  {
    code: 'intellectual-property-help',
    name: 'Fasilitasi pendaftaran kekayaan intelektual',
    weight: 1,
    mandatory: false,
  },
];
