import type { RubricEdition } from '@inovda/contracts';
import { loadEdition } from '../domain/edition';
import { IID_2026 } from './iid-2026';
import { IID_LEGACY_150 } from './iid-legacy-150';

/**
 * The editions the scoring service ships, loaded (and so checked) once when the module is first imported: a
 * broken edition fails at cold start and in the tests, never midway through scoring.
 */
export const EDITIONS: Readonly<Record<string, RubricEdition>> = Object.fromEntries(
  [IID_2026, IID_LEGACY_150].map((raw) => {
    const edition = loadEdition(raw);
    return [edition.id, edition];
  }),
);

/** The ids of the shipped editions, newest first. */
export const EDITION_IDS: readonly string[] = Object.keys(EDITIONS);

/** The shipped edition `id`, or undefined when there is none. */
export function editionById(id: string): RubricEdition | undefined {
  return Object.hasOwn(EDITIONS, id) ? EDITIONS[id] : undefined;
}
