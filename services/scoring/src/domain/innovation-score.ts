import type { Level } from './levels';
import type { ScoringEdition } from './scoring-edition';

/** One indicator's part of an innovation's score; `level` 0 means no level (no verified evidence). */
export interface IndicatorScore {
  code: string;
  level: Level | 0;
  weight: number;
  score: number;
}

export interface InnovationScore {
  total: number;
  indicators: IndicatorScore[];
}

/**
 * An innovation's score under `edition`: Σ weight × level over the edition's indicators, in the edition's order.
 * An indicator without a level scores 0. A level for a code the edition does not have is refused: it means the
 * levels were given under another edition, and ignoring them would silently lower the score.
 */
export function innovationScore(edition: ScoringEdition, levels: Partial<Record<string, Level>>): InnovationScore {
  const known = new Set(edition.innovation.indicators.map((spec) => spec.code));
  const unknown = Object.keys(levels).filter((code) => !known.has(code));
  if (unknown.length > 0) {
    throw new RangeError(`edition ${edition.id} has no indicator ${unknown.join(', ')}`);
  }
  const indicators = edition.innovation.indicators.map(({ code, weight }): IndicatorScore => {
    const level = levels[code] ?? 0;
    return { code, level, weight, score: weight * level };
  });
  return { total: indicators.reduce((sum, { score }) => sum + score, 0), indicators };
}
