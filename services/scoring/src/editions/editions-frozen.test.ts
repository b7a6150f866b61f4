import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadEdition } from '../domain/edition';
import { PUBLISHED_EDITIONS } from './published';

/**
 * An edition in use never changes: cycles opened under it were scored by these very numbers, and a republished
 * ranking must not move because a weight was edited. A correction of the rubric is a new edition (a new id, a new
 * file). Each shipped edition's content is pinned here by digest; changing one fails this test on purpose.
 */
const PINNED: Readonly<Record<string, string>> = {
  'iid-2026': 'b143826377d9e4e2',
  'iid-legacy-150': '873243c9e3339ab5',
};

function digest(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);
}

describe('shipped rubric editions', () => {
  it('each pass the whole check, schema and numbers, numbers and texts together: nothing checks them at cold start', () => {
    for (const edition of PUBLISHED_EDITIONS) expect(loadEdition(edition)).toEqual(edition);
  });

  it('never change: a correction is a new edition id', () => {
    // Digested as loaded (the schema's key order), so the pin does not move when a data file's keys are reordered.
    const actual = Object.fromEntries(PUBLISHED_EDITIONS.map((edition) => [edition.id, digest(loadEdition(edition))]));
    expect(actual, 'an edition in use changed: ship the correction as a new edition id instead').toEqual(PINNED);
  });
});
