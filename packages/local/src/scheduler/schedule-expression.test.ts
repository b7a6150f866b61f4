import { describe, expect, it } from 'vitest';
import { InvalidScheduleExpressionError, nextFireTime, parseScheduleExpression } from './schedule-expression';

const at = (iso: string) => new Date(iso);

function next(expression: string, after: string): string | undefined {
  return nextFireTime(parseScheduleExpression(expression), at(after))?.toISOString();
}

describe('rate expressions', () => {
  it('fire every period counted from when the rule started', () => {
    const rate = parseScheduleExpression('rate(5 minutes)');
    const since = at('2024-05-01T10:00:30Z');
    expect(nextFireTime(rate, since, since)?.toISOString()).toBe('2024-05-01T10:05:30.000Z');
    expect(nextFireTime(rate, at('2024-05-01T10:07:00Z'), since)?.toISOString()).toBe('2024-05-01T10:10:30.000Z');
    expect(parseScheduleExpression('rate(1 day)')).toMatchObject({ kind: 'rate', everyMs: 86_400_000 });
  });

  it('insist on a singular unit for 1 and a plural one otherwise, as EventBridge does', () => {
    expect(() => parseScheduleExpression('rate(1 minutes)')).toThrow(InvalidScheduleExpressionError);
    expect(() => parseScheduleExpression('rate(2 hour)')).toThrow(InvalidScheduleExpressionError);
    expect(() => parseScheduleExpression('rate(0 minutes)')).toThrow(InvalidScheduleExpressionError);
  });
});

describe('cron expressions (UTC, six fields)', () => {
  it('fire at the next matching minute', () => {
    expect(next('cron(0 1 * * ? *)', '2024-05-01T00:30:00Z')).toBe('2024-05-01T01:00:00.000Z');
    expect(next('cron(0 1 * * ? *)', '2024-05-01T01:00:00Z')).toBe('2024-05-02T01:00:00.000Z');
    expect(next('cron(0/15 * * * ? *)', '2024-05-01T10:16:10Z')).toBe('2024-05-01T10:30:00.000Z');
  });

  it('number days of the week from Sunday = 1 and accept names', () => {
    // 2024-05-01 is a Wednesday.
    expect(next('cron(0 8 ? * MON-FRI *)', '2024-05-03T09:00:00Z')).toBe('2024-05-06T08:00:00.000Z');
    expect(next('cron(0 8 ? * 1 *)', '2024-05-01T00:00:00Z')).toBe('2024-05-05T08:00:00.000Z');
    expect(next('cron(0 0 1 JAN ? *)', '2024-05-01T00:00:00Z')).toBe('2025-01-01T00:00:00.000Z');
  });

  it('support the last day of the month and the nth weekday', () => {
    expect(next('cron(0 12 L * ? *)', '2024-02-10T00:00:00Z')).toBe('2024-02-29T12:00:00.000Z');
    expect(next('cron(0 9 ? * 2#1 *)', '2024-05-10T00:00:00Z')).toBe('2024-06-03T09:00:00.000Z');
    expect(next('cron(0 9 ? * 6L *)', '2024-05-01T00:00:00Z')).toBe('2024-05-31T09:00:00.000Z');
  });

  it('refuse what EventBridge refuses', () => {
    expect(() => parseScheduleExpression('cron(0 1 * * * *)')).toThrow(/exactly one of/);
    expect(() => parseScheduleExpression('cron(0 1 * *)')).toThrow(/6 fields/);
    expect(() => parseScheduleExpression('cron(61 1 * * ? *)')).toThrow(InvalidScheduleExpressionError);
    expect(() => parseScheduleExpression('every day')).toThrow(InvalidScheduleExpressionError);
  });
});
