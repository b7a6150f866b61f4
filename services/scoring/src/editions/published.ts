import type { RubricEdition } from '@inovda/contracts';
import type { IndicatorTexts, ReadinessRowTexts, ScoringEdition } from '../domain/scoring-edition';
import { INDICATOR_TEXTS_2026 } from './iid-2026-innovation-texts';
import { READINESS_NAMES_2026 } from './iid-2026-readiness-names';
import { READINESS_TEXTS_2026 } from './iid-2026-readiness-texts';
import { EDITIONS } from './index';

/**
 * The shipped editions whole, as the edition routes show them: each edition's numbers with its texts for people.
 * Both editions describe their indicators and readiness rows with the 2026 texts (the older edition reuses the 2026
 * codes, see iid-legacy-150.ts). Only the function serving GET /rubric-editions imports this module.
 */

function textOf<T>(texts: Readonly<Record<string, T>>, code: string, editionId: string): T {
  const text = Object.hasOwn(texts, code) ? texts[code] : undefined;
  // A code without its texts is a data mistake the tests catch (editions-frozen.test.ts loads every edition whole).
  if (!text) throw new Error(`edition ${editionId}: no texts for ${code}`);
  return text;
}

function withTexts(
  edition: ScoringEdition,
  indicatorTexts: Readonly<Record<string, IndicatorTexts>>,
  rowTexts: Readonly<Record<string, ReadinessRowTexts>>,
  rowNames: Readonly<Record<string, string>>,
): RubricEdition {
  return {
    ...edition,
    innovation: {
      maxScore: edition.innovation.maxScore,
      // The texts' benefit bases (codes, names, bands) stand in for the numbers' codes; a test holds them equal.
      indicators: edition.innovation.indicators.map(({ benefitBases: _codes, ...spec }) => ({
        ...spec,
        ...textOf(indicatorTexts, spec.code, edition.id),
      })),
    },
    readiness: {
      maxScore: edition.readiness.maxScore,
      rows: edition.readiness.rows.map((row) => {
        const { indicator, levels } = textOf(rowTexts, row.code, edition.id);
        const name = textOf(rowNames, row.code, edition.id);
        return { code: row.code, indicator, name, weight: row.weight, mandatory: row.mandatory, levels };
      }),
    },
  };
}

/** Every shipped edition whole, newest first (the order of `EDITIONS`). */
export const PUBLISHED_EDITIONS: readonly RubricEdition[] = Object.values(EDITIONS).map((edition) =>
  withTexts(edition, INDICATOR_TEXTS_2026, READINESS_TEXTS_2026, READINESS_NAMES_2026),
);

/** The shipped edition `id` whole, or undefined when there is none. */
export function publishedEditionById(id: string): RubricEdition | undefined {
  return PUBLISHED_EDITIONS.find((edition) => edition.id === id);
}
