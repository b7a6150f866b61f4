import { describe, expect, it } from 'vitest';
import { isThrottled, serviceBusy } from './throttling';

function named(name: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error('x'), { name }, extra);
}

describe('DynamoDB throttling, once the SDK has given up', () => {
  it('is recognised by its error names and by a transaction cancelled for throttling', () => {
    expect(isThrottled(named('ProvisionedThroughputExceededException'))).toBe(true);
    expect(isThrottled(named('ThrottlingException'))).toBe(true);
    expect(isThrottled(named('RequestLimitExceeded'))).toBe(true);
    const cancelled = (codes: string[]) =>
      named('TransactionCanceledException', { CancellationReasons: codes.map((Code) => ({ Code })) });
    expect(isThrottled(cancelled(['None', 'ThrottlingError']))).toBe(true);
    expect(isThrottled(cancelled(['ConditionalCheckFailed', 'None']))).toBe(false);
    expect(isThrottled(named('ValidationException'))).toBe(false);
    expect(isThrottled('ThrottlingException')).toBe(false);
  });

  it('is answered 503 service-busy with Retry-After and an Indonesian detail', () => {
    const problem = serviceBusy();
    expect(problem).toMatchObject({ code: 'service-busy', status: 503, headers: { 'Retry-After': '2' } });
    expect(problem.extras.detail).toMatch(/Coba lagi dalam 2 detik/);
  });
});
