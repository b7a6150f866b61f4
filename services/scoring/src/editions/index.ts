import type { ScoringEdition } from '../domain/scoring-edition';
import { IID_2026 } from './iid-2026';
import { IID_LEGACY_150 } from './iid-legacy-150';

/**
 * The editions the scoring service ships, by id, as scoring computes with them (numbers and names; their texts for
 * people are in `published.ts`). They are typed constants, checked whole (schema and the consistency of their
 * numbers, `loadEdition`) by the tests, which also pin their content (editions-frozen.test.ts): an edition never
 * changes after it ships, so checking it again at every cold start would only cost time.
 */
export const EDITIONS: Readonly<Record<string, ScoringEdition>> = {
  [IID_2026.id]: IID_2026,
  [IID_LEGACY_150.id]: IID_LEGACY_150,
};

/** The ids of the shipped editions, newest first. */
export const EDITION_IDS: readonly string[] = Object.keys(EDITIONS);

/** The shipped edition `id`, or undefined when there is none. */
export function editionById(id: string): ScoringEdition | undefined {
  return Object.hasOwn(EDITIONS, id) ? EDITIONS[id] : undefined;
}
