import type { Level } from './levels';
import { nearlyEqual } from './numbers';
import { predicate } from './predicate';
import type { ScoringEdition } from './scoring-edition';

/** What the region's index is computed from, for one year. */
export interface RegionIndexInput {
  year: number;
  /** The verified level of each readiness (SPD) row; a row without a level scores 0. */
  readinessLevels: Partial<Record<string, Level>>;
  /** Σ of the region's innovation scores. */
  sumScores: number;
  /** How many innovations were scored. */
  count: number;
  /** The government affairs the scored innovations cover (contracts' codes). */
  coveredAffairs: readonly string[];
}

/** The index and its parts, in full precision: round only for display (`roundHundredths`). */
export interface RegionIndex {
  /** Readiness part: Σ weight × level over the readiness rows. */
  spd: number;
  /** sumScores ÷ MAX(k, count). */
  sidScores: number;
  /** perInnovation × min(count, cap), or 0 unless every basic-service affair is covered. */
  countBonus: number;
  allBasicAffairsCovered: boolean;
  /** Innovation part: sidScores + countBonus. */
  sid: number;
  /** (spd + sid) ÷ maxTotal × 100. */
  index: number;
  predicate: string;
  /** The divisor floor of the year. */
  k: number;
  /** What one more innovation scoring the current mean would add to the index (affairs covered as now). */
  gainOfOneMore: number;
}

/** The floor k of the divisor MAX(k, n) in `year`: the last entry from that year or before, else the first. */
export function divisorFloorFor(edition: ScoringEdition, year: number): number {
  const floors = edition.index.divisorFloor;
  const applying = floors.filter(({ fromYear }) => fromYear <= year).at(-1) ?? floors[0];
  if (!applying) throw new RangeError(`edition ${edition.id} has no divisor floor`);
  return applying.k;
}

/** The region's innovation index for one year under `edition` (DOMAIN.md, "Region-level index"). */
export function regionIndex(edition: ScoringEdition, input: RegionIndexInput): RegionIndex {
  checkInput(edition, input);
  const { perInnovation, cap } = edition.index.countBonus;
  const k = divisorFloorFor(edition, input.year);
  const spd = edition.readiness.rows.reduce((sum, row) => sum + row.weight * (input.readinessLevels[row.code] ?? 0), 0);
  const covered = new Set(input.coveredAffairs);
  const allBasicAffairsCovered = edition.index.basicServiceAffairs.every((affair) => covered.has(affair));

  const parts = (sumScores: number, count: number) => {
    const sidScores = sumScores / Math.max(k, count);
    const countBonus = allBasicAffairsCovered ? perInnovation * Math.min(count, cap) : 0;
    const sid = sidScores + countBonus;
    return { sidScores, countBonus, sid, index: ((spd + sid) / edition.index.maxTotal) * 100 };
  };
  const now = parts(input.sumScores, input.count);
  const mean = input.count === 0 ? 0 : input.sumScores / input.count;
  const next = parts(input.sumScores + mean, input.count + 1);

  return {
    spd,
    ...now,
    allBasicAffairsCovered,
    predicate: predicate(edition, now.index),
    k,
    gainOfOneMore: next.index - now.index,
  };
}

/** Refuses input no real region can have: it is a caller's bug, and an index made from it would be published. */
function checkInput(edition: ScoringEdition, input: RegionIndexInput): void {
  const problems: string[] = [];
  if (!Number.isInteger(input.year)) problems.push(`year must be a whole number, got ${input.year}`);
  if (!Number.isInteger(input.count) || input.count < 0)
    problems.push(`count must be a whole number ≥ 0, got ${input.count}`);
  const most = input.count * edition.innovation.maxScore;
  if (!(input.sumScores >= 0) || (input.sumScores > most && !nearlyEqual(input.sumScores, most))) {
    problems.push(`sumScores must be between 0 and count × ${edition.innovation.maxScore}, got ${input.sumScores}`);
  }
  const rows = new Set(edition.readiness.rows.map((row) => row.code));
  const unknown = Object.keys(input.readinessLevels).filter((code) => !rows.has(code));
  if (unknown.length > 0) problems.push(`no readiness row ${unknown.join(', ')}`);
  if (problems.length > 0) throw new RangeError(`region index under edition ${edition.id}: ${problems.join('; ')}`);
}
