import type { CycleTotals, OpdTotals, ScoringCycle } from './model';
import { roundHundredths } from './numbers';
import { incentiveShortlist, rankOpds } from './ranking';
import { divisorFloorFor, regionIndex } from './region-index';
import type { ScoringEdition } from './scoring-edition';
import { rankingInputOf } from './totals';

/** An OPD's row of a ranking, its numbers rounded to the hundredth as shown and published. */
export interface RankingRow {
  readonly rank: number;
  readonly opdId: string;
  readonly value: number;
  readonly sum: number;
  readonly count: number;
  readonly best: number;
}

/** The OPD ranking of a cycle from its OPD rows, and the incentive shortlist (the top three). */
export function rankingOf(
  edition: ScoringEdition,
  cycle: Pick<ScoringCycle, 'year'>,
  opdTotals: readonly OpdTotals[],
): { k: number; rows: RankingRow[]; shortlist: string[] } {
  const k = divisorFloorFor(edition, cycle.year);
  const ranked = rankOpds(
    opdTotals.flatMap((row) => rankingInputOf(row) ?? []),
    k,
  );
  return {
    k,
    rows: ranked.map((row) => ({
      rank: row.rank,
      opdId: row.opdId,
      value: roundHundredths(row.value),
      sum: roundHundredths(row.sum),
      count: row.count,
      best: roundHundredths(row.best),
    })),
    shortlist: incentiveShortlist(ranked).map((row) => row.opdId),
  };
}

/** The region's index for a cycle, from its totals and the readiness rows the coordinator entered. */
export function indexOf(edition: ScoringEdition, cycle: ScoringCycle, totals: CycleTotals) {
  const readinessLevels = Object.fromEntries(
    Object.entries(cycle.readiness).filter(([, level]) => level > 0),
  ) as Parameters<typeof regionIndex>[1]['readinessLevels'];
  const coveredAffairs = Object.keys(totals.affairs).sort();
  const result = regionIndex(edition, {
    year: cycle.year,
    readinessLevels,
    sumScores: totals.sumScores,
    count: totals.count,
    coveredAffairs,
  });
  return {
    cycleId: cycle.id,
    editionId: edition.id,
    year: cycle.year,
    k: result.k,
    readiness: edition.readiness.rows.map((row) => {
      const level = cycle.readiness[row.code] ?? 0;
      return { code: row.code, weight: row.weight, level, score: roundHundredths(row.weight * level) };
    }),
    spd: roundHundredths(result.spd),
    count: totals.count,
    sumScores: roundHundredths(totals.sumScores),
    meanScore: roundHundredths(totals.count === 0 ? 0 : totals.sumScores / totals.count),
    sidScores: roundHundredths(result.sidScores),
    countBonus: roundHundredths(result.countBonus),
    coveredAffairs,
    allBasicAffairsCovered: result.allBasicAffairsCovered,
    sid: roundHundredths(result.sid),
    index: roundHundredths(result.index),
    predicate: result.predicate,
    gainOfOneMore: roundHundredths(result.gainOfOneMore),
  };
}
