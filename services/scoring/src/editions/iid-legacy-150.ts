import type { IndicatorNumbers, ScoringEdition } from '../domain/scoring-edition';
import { BASIC_SERVICE_AFFAIRS } from './iid-2026';
import { INDICATORS_2026 } from './iid-2026-innovation';
import { READINESS_ROWS_2026 } from './iid-2026-readiness';

/**
 * The older edition: 20 indicators, at most 150 per innovation, k = 10 and thresholds 60.01 / 35.00 (Kota Solok's
 * 60.46, "Sangat Inovatif", in 2023). DOMAIN.md gives only its weights and those index parameters, so:
 * - its indicators reuse the 2026 edition's codes, names, levels, mandatory flags and benefit bases. "IT use" is
 *   read as `tools` (manual / electronic / online) and "online system" as `integrated-service`, so evidence
 *   attached per indicator code lines up across editions;
 * - its readiness rows (SPD, max 63) and count bonus (0.38 × min(n, 200), at most 76) are the 2026 edition's;
 * - hence maxTotal = 63 + 150 + 76 = 289, so that a region scoring the maximum everywhere reaches 100;
 * - 'Kurang Inovatif' starts at 0.01 as in 2026.
 */

/** Weights of the older edition, by the 2026 indicator code they map to. */
const LEGACY_WEIGHTS: Record<string, number> = {
  regulation: 4,
  'human-resources': 2,
  budget: 4,
  tools: 2,
  'technical-training': 2,
  'regional-work-plan': 2,
  actors: 1,
  'implementer-mandate': 2,
  network: 1,
  socialisation: 2,
  'technical-guide': 2,
  'ease-of-information': 2,
  'ease-of-process': 2,
  'complaint-handling': 2,
  'integrated-service': 2,
  replication: 2,
  'speed-of-creation': 3,
  benefit: 5,
  'monitoring-evaluation': 3,
  'quality-video': 5,
};

/** The older edition's names where it named an indicator differently. */
const LEGACY_NAMES: Record<string, string> = {
  tools: 'Penggunaan teknologi informasi',
  'integrated-service': 'Sistem daring (online)',
};

const indicators: IndicatorNumbers[] = INDICATORS_2026.map((spec) => ({
  ...spec,
  name: LEGACY_NAMES[spec.code] ?? spec.name,
  // A code missing from the table gets weight 0, which loading the edition refuses: the table must cover them all.
  weight: LEGACY_WEIGHTS[spec.code] ?? 0,
}));

export const IID_LEGACY_150: ScoringEdition = {
  id: 'iid-legacy-150',
  name: 'Indeks Inovasi Daerah (edisi lama, skor inovasi maksimal 150)',
  description:
    'Edisi sebelum 2026: k = 10 untuk setiap tahun, predikat Sangat Inovatif mulai 60,01 dan Inovatif mulai 35,00.',
  selfAssessmentStage: 'deliver',
  innovation: { maxScore: 150, indicators },
  readiness: { maxScore: 63, rows: READINESS_ROWS_2026 },
  index: {
    maxTotal: 289,
    divisorFloor: [{ fromYear: 2018, k: 10 }],
    countBonus: { perInnovation: 0.38, cap: 200 },
    basicServiceAffairs: [...BASIC_SERVICE_AFFAIRS],
    predicates: [
      { name: 'Sangat Inovatif', min: 60.01 },
      { name: 'Inovatif', min: 35 },
      { name: 'Kurang Inovatif', min: 0.01 },
    ],
    fallbackPredicate: 'Tidak Dapat Dinilai',
  },
};
