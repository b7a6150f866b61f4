import type { CountedScore, CycleTotals, OpdTotals } from './model';
import type { OpdTotals as RankingInput } from './ranking';

export const EMPTY_CYCLE_TOTALS: CycleTotals = { sumScores: 0, count: 0, affairs: {}, version: 0 };

export function emptyOpdTotals(opdId: string): OpdTotals {
  return { opdId, innovations: {}, version: 0 };
}

function moveAffairs(
  affairs: Readonly<Record<string, number>>,
  removed: readonly string[],
  added: readonly string[],
): Record<string, number> {
  const next: Record<string, number> = { ...affairs };
  for (const affair of removed) next[affair] = (next[affair] ?? 0) - 1;
  for (const affair of added) next[affair] = (next[affair] ?? 0) + 1;
  for (const [affair, count] of Object.entries(next)) if (count <= 0) delete next[affair];
  return next;
}

/**
 * Moves a cycle's totals from counting an innovation as `before` to counting it as `after` (either absent: not
 * counted). The difference only, so the region totals stay sums and counts, bounded whatever the number of
 * innovations, and applying the same change twice is prevented by the score's own `counted` record.
 */
export function moveTotals(
  opd: OpdTotals,
  cycle: CycleTotals,
  innovationId: string,
  before: CountedScore | undefined,
  after: CountedScore | undefined,
): { opd: OpdTotals; cycle: CycleTotals } {
  const innovations = { ...opd.innovations };
  if (after) innovations[innovationId] = { score: after.score, registeredAt: after.registeredAt };
  else delete innovations[innovationId];
  return {
    opd: { ...opd, innovations, version: opd.version + 1 },
    cycle: {
      sumScores: cycle.sumScores - (before?.score ?? 0) + (after?.score ?? 0),
      count: cycle.count - (before ? 1 : 0) + (after ? 1 : 0),
      affairs: moveAffairs(cycle.affairs, before?.affairs ?? [], after?.affairs ?? []),
      version: cycle.version + 1,
    },
  };
}

/** An OPD's row as the ranking reads it: Σ, count, best innovation and earliest registration. */
export function rankingInputOf(opd: OpdTotals): RankingInput | undefined {
  const scores = Object.values(opd.innovations);
  if (scores.length === 0) return undefined;
  return {
    opdId: opd.opdId,
    sum: scores.reduce((sum, entry) => sum + entry.score, 0),
    count: scores.length,
    best: Math.max(...scores.map((entry) => entry.score)),
    firstRegisteredAt: scores.map((entry) => entry.registeredAt).sort()[0] ?? '',
  };
}
