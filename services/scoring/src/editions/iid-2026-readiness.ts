import type { ReadinessRowNumbers } from '../domain/scoring-edition';

/**
 * The 2026 edition's region readiness rows (SPD, Satuan Pemerintah Daerah): 20 rows, weights and mandatory flags
 * from DOMAIN.md, maximum 63. Their groups and level bands are texts for people, kept apart in
 * iid-2026-readiness-texts.ts.
 */
export const READINESS_ROWS_2026: ReadinessRowNumbers[] = [
  { code: 'vision-mission', weight: 1, mandatory: true },
  { code: 'budget-law-timeliness', weight: 1, mandatory: false },
  { code: 'mandatory-spending', weight: 1, mandatory: false },
  { code: 'licensing-quality', weight: 1, mandatory: true },
  { code: 'income-per-capita-growth', weight: 1, mandatory: true },
  { code: 'unemployment-trend', weight: 0.75, mandatory: true },
  { code: 'unemployment-rate', weight: 0.75, mandatory: true },
  { code: 'investment-growth', weight: 1.5, mandatory: true },
  { code: 'own-source-revenue-growth', weight: 1.5, mandatory: true },
  { code: 'audit-opinion', weight: 1.5, mandatory: true },
  { code: 'performance-accountability', weight: 1, mandatory: true },
  { code: 'poverty-trend', weight: 0.75, mandatory: true },
  { code: 'poverty-rate', weight: 0.75, mandatory: true },
  { code: 'hdi-gain', weight: 0.75, mandatory: true },
  { code: 'hdi-level', weight: 0.75, mandatory: true },
  { code: 'innovator-awards', weight: 2, mandatory: false },
  { code: 'policy-recommendations', weight: 1, mandatory: false },
  { code: 'policy-quality-index', weight: 1, mandatory: false },
  { code: 'science-technology-master-plan', weight: 1, mandatory: false },
  { code: 'intellectual-property-help', weight: 1, mandatory: false },
];
