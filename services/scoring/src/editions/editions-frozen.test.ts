import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EDITIONS } from './index';

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
  it('never change: a correction is a new edition id', () => {
    const actual = Object.fromEntries(Object.entries(EDITIONS).map(([id, edition]) => [id, digest(edition)]));
    expect(actual, 'an edition in use changed: ship the correction as a new edition id instead').toEqual(PINNED);
  });
});
