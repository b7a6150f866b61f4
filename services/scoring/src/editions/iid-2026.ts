import type { ScoringEdition } from '../domain/scoring-edition';
import { INDICATORS_2026 } from './iid-2026-innovation';
import { READINESS_ROWS_2026 } from './iid-2026-readiness';

/** The six basic-service affairs (pelayanan dasar), in the contracts' government-affair codes. */
export const BASIC_SERVICE_AFFAIRS = [
  'education',
  'health',
  'public-works-spatial-planning',
  'housing-settlements',
  'public-order-protection',
  'social',
] as const;

/**
 * The 2026 edition of the innovation index, as a third-party engine implements it after the ministry agency's
 * letter of 29 April 2026 (DOMAIN.md). Its numbers; `published.ts` adds its texts, and the tests check the whole.
 */
export const IID_2026: ScoringEdition = {
  id: 'iid-2026',
  name: 'Indeks Inovasi Daerah 2026',
  description:
    'Indeks = (SPD + SID) ÷ 250 × 100. SID = jumlah skor inovasi ÷ MAX(k, n) + 0,38 × min(n, 200) bila inovasi ' +
    'mencakup keenam urusan pelayanan dasar.',
  selfAssessmentStage: 'deliver',
  innovation: { maxScore: 111, indicators: INDICATORS_2026 },
  readiness: { maxScore: 63, rows: READINESS_ROWS_2026 },
  index: {
    maxTotal: 250,
    // DOMAIN.md gives k from 2027 on; a year before that takes the first k (14).
    divisorFloor: [
      { fromYear: 2027, k: 14 },
      { fromYear: 2028, k: 16 },
      { fromYear: 2029, k: 18 },
    ],
    countBonus: { perInnovation: 0.38, cap: 200 },
    basicServiceAffairs: [...BASIC_SERVICE_AFFAIRS],
    predicates: [
      { name: 'Sangat Inovatif', min: 65.01 },
      { name: 'Inovatif', min: 40.01 },
      { name: 'Kurang Inovatif', min: 0.01 },
    ],
    fallbackPredicate: 'Tidak Dapat Dinilai',
  },
};
