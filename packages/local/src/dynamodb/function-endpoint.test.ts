import { describe, expect, it } from 'vitest';
import { sdkAttempt, tablesOf, throttleCovers } from './function-endpoint';

describe('which calls the dynamodb-throttled fault covers', () => {
  it('finds every table a request names: TableName, transaction items and batch maps', () => {
    expect([...tablesOf({ TableName: 'a', Key: {} })]).toEqual(['a']);
    expect([
      ...tablesOf({
        TransactItems: [
          { Put: { TableName: 'a' } },
          { Update: { TableName: 'b' } },
          { ConditionCheck: { TableName: 'c' } },
          { Delete: { TableName: 'a' } },
        ],
      }),
    ]).toEqual(['a', 'b', 'c']);
    expect([...tablesOf({ RequestItems: { a: [], d: [] } })]).toEqual(['a', 'd']);
    expect([...tablesOf('not an object')]).toEqual([]);
  });

  it('matches the operations and the services named, every call when none are', () => {
    const serviceOfTable = { 't-sub': 'submissions', 't-wf': 'workflow' };
    const tables = new Set(['t-wf']);
    expect(throttleCovers({}, 'Query', tables, serviceOfTable)).toBe(true);
    expect(throttleCovers({ services: ['workflow'] }, 'Query', tables, serviceOfTable)).toBe(true);
    expect(throttleCovers({ services: ['submissions'] }, 'Query', tables, serviceOfTable)).toBe(false);
    expect(throttleCovers({ operations: ['PutItem'] }, 'Query', tables, serviceOfTable)).toBe(false);
    expect(throttleCovers({ operations: ['Query'], services: ['workflow'] }, 'Query', tables, serviceOfTable)).toBe(
      true,
    );
    // A table no service owns is never a named service's.
    expect(throttleCovers({ services: ['workflow'] }, 'Query', new Set(['other']), serviceOfTable)).toBe(false);
  });
});

describe('the SDK attempt a request is', () => {
  it('reads the invocation id and the attempt the SDK sends, and treats a bare request as a call of its own', () => {
    expect(sdkAttempt({ headers: { 'amz-sdk-invocation-id': 'abc', 'amz-sdk-request': 'attempt=2; max=3' } })).toEqual({
      invocation: 'abc',
      attempt: 2,
      last: false,
    });
    expect(sdkAttempt({ headers: { 'amz-sdk-invocation-id': 'abc', 'amz-sdk-request': 'attempt=3; max=3' } })).toEqual({
      invocation: 'abc',
      attempt: 3,
      last: true,
    });
    const bare = sdkAttempt({ headers: {} });
    expect(bare).toMatchObject({ attempt: 1, last: true });
    expect(bare.invocation).not.toBe(sdkAttempt({ headers: {} }).invocation);
  });
});
