import { createCycleInput, STAGES } from '@inovda/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertCycleAllows, registrationRefusal, type StageWindows, windowIssues } from './cycle';

const isoDay = fc
  .integer({ min: 0, max: 3 * 365 })
  .map((offset) => new Date(Date.UTC(2027, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10));
const anyWindows = fc
  .tuple(...STAGES.map(() => fc.tuple(isoDay, isoDay)))
  .map((pairs) => Object.fromEntries(STAGES.map((stage, i) => [stage, { start: pairs[i]?.[0], due: pairs[i]?.[1] }])))
  .map((value) => value as unknown as StageWindows);
/** Ordered windows: sorted dates, each stage starting and ending no earlier than the one before. */
const orderedWindows = fc.array(isoDay, { minLength: 10, maxLength: 10 }).map((days) => {
  const sorted = [...days].sort();
  return Object.fromEntries(
    STAGES.map((stage, i) => [stage, { start: sorted[i] as string, due: sorted[i + 5] as string }]),
  ) as unknown as StageWindows;
});

describe('stage windows', () => {
  it('accept every ordered plan', () => {
    fc.assert(
      fc.property(orderedWindows, (windows) => {
        expect(windowIssues(windows)).toEqual([]);
      }),
    );
  });

  it('find an issue exactly when a window ends before it starts or a stage moves before the one before it', () => {
    fc.assert(
      fc.property(anyWindows, (windows) => {
        const ordered = STAGES.every((stage, i) => {
          const window = windows[stage];
          const previous = i > 0 ? windows[STAGES[i - 1] as (typeof STAGES)[number]] : undefined;
          return (
            window.start <= window.due && (!previous || (window.start >= previous.start && window.due >= previous.due))
          );
        });
        expect(windowIssues(windows).length === 0).toBe(ordered);
      }),
    );
  });

  it('are checked by the create schema, at the path of each bad date', () => {
    fc.assert(
      fc.property(anyWindows, (stageWindows) => {
        const result = createCycleInput.safeParse({
          name: 'Program',
          year: 2027,
          stageWindows,
          targetPerOpd: 1,
          monevIntervalDays: 90,
        });
        expect(result.success).toBe(windowIssues(stageWindows).length === 0);
        if (!result.success) {
          for (const issue of result.error.issues) expect(issue.path[0]).toBe('stageWindows');
        }
      }),
    );
  });
});

describe('cycle lifecycle', () => {
  it('opens planned cycles, closes open ones, moves windows and takes commitments until closed', () => {
    expect(() => assertCycleAllows('open', 'planned')).not.toThrow();
    expect(() => assertCycleAllows('close', 'open')).not.toThrow();
    for (const [action, status] of [
      ['open', 'open'],
      ['open', 'closed'],
      ['close', 'planned'],
      ['close', 'closed'],
      ['update-windows', 'closed'],
      ['commit', 'closed'],
    ] as const) {
      expect(() => assertCycleAllows(action, status)).toThrow(expect.objectContaining({ status: 409 }));
    }
  });
});

describe('registrationRefusal', () => {
  const closedAt = '2027-06-30T10:00:00.000Z';

  it('refuses only a registration made after its cycle closed', () => {
    expect(registrationRefusal({ status: 'closed', closedAt }, '2027-06-30T10:00:00.001Z')).toEqual({
      reason: 'cycle-closed',
      closedAt,
    });
    // Made while the cycle was open, delivered after the close: it stands.
    expect(registrationRefusal({ status: 'closed', closedAt }, '2027-06-30T09:59:59.999Z')).toBeUndefined();
    expect(registrationRefusal({ status: 'open' }, '2027-07-01T00:00:00.000Z')).toBeUndefined();
    expect(registrationRefusal(undefined, '2027-07-01T00:00:00.000Z')).toBeUndefined();
  });
});
