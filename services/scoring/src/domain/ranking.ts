import { nearlyEqual } from './numbers';

/** What ranking needs of one OPD: the totals of its scored innovations in the cycle. */
export interface OpdTotals {
  opdId: string;
  /** Σ of the OPD's innovation scores. */
  sum: number;
  /** How many innovations were scored. */
  count: number;
  /** The OPD's best single innovation score. */
  best: number;
  /** When the OPD registered its first innovation of the cycle (ISO 8601). */
  firstRegisteredAt: string;
}

export interface RankedOpd extends OpdTotals {
  /** sum ÷ MAX(k, count): one excellent innovation does not lose to many weak ones, and many good ones count. */
  value: number;
  /** 1 for the first; every OPD has its own rank, ties being broken as `rankOpds` says. */
  rank: number;
}

/**
 * The OPDs of one region ranked for incentives, by Σ score ÷ MAX(k, n) as the region's index divides (DOMAIN.md).
 * Order: higher value; then the better best innovation; then the earlier first registration (it moved first);
 * then the OPD id, a last resort that means nothing but keeps the order the same on every run and every reader.
 * Values equal but for floating-point noise count as ties. OPDs with nothing scored are not ranked.
 */
export function rankOpds(rows: readonly OpdTotals[], k: number): RankedOpd[] {
  if (!(k >= 1)) throw new RangeError(`the divisor floor k must be at least 1, got ${k}`);
  const valued = rows
    .filter((row) => row.count > 0)
    .map((row) => ({ ...row, value: row.sum / Math.max(k, row.count), registered: registeredAt(row) }));
  valued.sort(
    (a, b) =>
      descending(a.value, b.value) ||
      descending(a.best, b.best) ||
      a.registered - b.registered ||
      (a.opdId < b.opdId ? -1 : a.opdId > b.opdId ? 1 : 0),
  );
  return valued.map(({ registered: _registered, ...row }, index) => ({ ...row, rank: index + 1 }));
}

/**
 * The OPDs that get the incentive (Kota Solok: a study trip for the three best). An OPD whose value is 0 has no
 * verified score to be rewarded for and is left out even when fewer than `size` OPDs remain.
 */
export function incentiveShortlist(ranked: readonly RankedOpd[], size = 3): RankedOpd[] {
  return [...ranked]
    .sort((a, b) => a.rank - b.rank)
    .filter((row) => row.value > 0)
    .slice(0, size);
}

function descending(a: number, b: number): number {
  return nearlyEqual(a, b) ? 0 : b - a;
}

function registeredAt(row: OpdTotals): number {
  const at = Date.parse(row.firstRegisteredAt);
  if (Number.isNaN(at))
    throw new RangeError(`OPD ${row.opdId}: firstRegisteredAt is not a date: ${row.firstRegisteredAt}`);
  return at;
}
