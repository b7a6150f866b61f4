import type { RankingRow } from '../domain/results';

/** A cycle's results as published (one item per revision: a correction republishes, the old stays on record). */
export interface PublishedResults {
  readonly cycleId: string;
  /** The cycle's name and year as published (the public list shows them without reading each cycle). */
  readonly cycleName: string;
  readonly year: number;
  readonly editionId: string;
  readonly revision: number;
  readonly k: number;
  readonly rows: readonly RankingRow[];
  readonly shortlist: readonly string[];
  readonly index: { readonly value: number; readonly predicate: string };
  readonly publishedAt: string;
}
