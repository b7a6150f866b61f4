import type { RubricEdition } from '@inovda/contracts';
import { IID_2026 } from './iid-2026';
import { IID_LEGACY_150 } from './iid-legacy-150';

/**
 * The editions the scoring service ships, by id. They are typed constants, checked in full (schema and the
 * consistency of their numbers, `loadEdition`) by the tests, which also pin their content (editions-frozen.test.ts):
 * an edition never changes after it ships, so checking it again at every cold start would only cost time (a zod
 * parse of ~10 KB of rubric, and the edition schema in every bundle that scores).
 */
export const EDITIONS: Readonly<Record<string, RubricEdition>> = {
  [IID_2026.id]: IID_2026,
  [IID_LEGACY_150.id]: IID_LEGACY_150,
};

/** The ids of the shipped editions, newest first. */
export const EDITION_IDS: readonly string[] = Object.keys(EDITIONS);

/** The shipped edition `id`, or undefined when there is none. */
export function editionById(id: string): RubricEdition | undefined {
  return Object.hasOwn(EDITIONS, id) ? EDITIONS[id] : undefined;
}
