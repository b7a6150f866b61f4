import type { IndicatorNumbers } from '../domain/scoring-edition';

/**
 * The 2026 edition's innovation-level indicators (DOMAIN.md, "Scoring"): weights as reported by third-party
 * implementations, mandatory ones flagged. What each level means and the evidence that proves it are texts for
 * people, kept apart in iid-2026-innovation-texts.ts (only the routes that show an edition carry them).
 */
export const INDICATORS_2026: IndicatorNumbers[] = [
  { code: 'regulation', name: 'Regulasi inovasi daerah', weight: 3, mandatory: true },
  { code: 'human-resources', name: 'Ketersediaan SDM pengelola inovasi', weight: 2, mandatory: true },
  { code: 'budget', name: 'Dukungan anggaran', weight: 2, mandatory: false },
  { code: 'tools', name: 'Alat kerja', weight: 2, mandatory: false },
  { code: 'technical-training', name: 'Bimbingan teknis (bimtek)', weight: 1, mandatory: false },
  { code: 'regional-work-plan', name: 'Program inovasi dalam RKPD', weight: 2, mandatory: false },
  { code: 'actors', name: 'Keterlibatan aktor inovasi', weight: 1, mandatory: false },
  { code: 'implementer-mandate', name: 'Pelaksana inovasi', weight: 1, mandatory: false },
  { code: 'network', name: 'Jejaring inovasi', weight: 1, mandatory: false },
  { code: 'socialisation', name: 'Sosialisasi inovasi', weight: 1, mandatory: false },
  { code: 'technical-guide', name: 'Pedoman teknis', weight: 1, mandatory: false },
  { code: 'ease-of-information', name: 'Kemudahan informasi layanan', weight: 1, mandatory: false },
  { code: 'ease-of-process', name: 'Kemudahan proses', weight: 2, mandatory: false },
  { code: 'complaint-handling', name: 'Penyelesaian pengaduan', weight: 1, mandatory: false },
  { code: 'integrated-service', name: 'Layanan terintegrasi', weight: 2, mandatory: false },
  { code: 'replication', name: 'Replikasi oleh daerah lain', weight: 3, mandatory: false },
  { code: 'speed-of-creation', name: 'Kecepatan penciptaan inovasi', weight: 2, mandatory: true },
  {
    code: 'benefit',
    name: 'Kemanfaatan inovasi',
    weight: 3,
    mandatory: true,
    // The bases' names and bands are texts (iid-2026-innovation-texts.ts); scoring checks an OPD's pick by code.
    benefitBases: [
      { code: 'people-served' },
      { code: 'target-coverage' },
      { code: 'spending-efficiency' },
      { code: 'revenue-added' },
      { code: 'products' },
      { code: 'positive-trend-periods' },
    ],
  },
  { code: 'monitoring-evaluation', name: 'Monitoring dan evaluasi inovasi', weight: 2, mandatory: false },
  { code: 'quality-video', name: 'Kualitas inovasi (video)', weight: 4, mandatory: true },
];
