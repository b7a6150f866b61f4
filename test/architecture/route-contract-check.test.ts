import { submissionsApi } from '@inovda/contracts';
import type { TestResponse } from '@inovda/lambda-kit/testing';
import { ContractViolation, checkAgainstContract } from '@inovda/local/testing';
import { describe, expect, it } from 'vitest';

/**
 * The test kit's contract check can fail: the service tests prove the response schemas only if a response that
 * breaks its route's contract makes them fail.
 */

const route = submissionsApi.getInnovation;
const INNOVATION = {
  id: '01J0000000000000000000000A',
  name: 'Antrean daring',
  opdId: 'dinkes',
  version: 1,
  status: 'draft',
  createdAt: '2027-01-01T00:00:00.000Z',
  updatedAt: '2027-01-01T00:00:00.000Z',
  createdBy: { sub: 'sub-dinkes', username: 'opd.dinkes', role: 'opd' },
};
const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', etag: '"1"' };
const PROBLEM_HEADERS = { 'content-type': 'application/problem+json; charset=utf-8' };
const NOT_FOUND = {
  type: 'https://inovda.id/problems/not-found',
  code: 'not-found',
  title: 'Data tidak ditemukan',
  status: 404,
};

function check(response: TestResponse): void {
  checkAgainstContract(route, response, JSON.stringify(response.body));
}

describe('the test kit holds responses to their contract', () => {
  it('lets a response that keeps the contract through', () => {
    expect(() => check({ status: 200, headers: JSON_HEADERS, body: INNOVATION })).not.toThrow();
    expect(() => check({ status: 404, headers: PROBLEM_HEADERS, body: NOT_FOUND })).not.toThrow();
  });

  it('fails a body that does not match the schema of its status', () => {
    expect(() => check({ status: 200, headers: JSON_HEADERS, body: { ...INNOVATION, pk: 'INNOVATION#x' } })).toThrow(
      ContractViolation,
    );
    expect(() => check({ status: 200, headers: JSON_HEADERS, body: { ...INNOVATION, version: '1' } })).toThrow(
      /\/version/,
    );
  });

  it('fails a status the route does not declare, success or problem', () => {
    expect(() => check({ status: 201, headers: JSON_HEADERS, body: INNOVATION })).toThrow(/undeclared status/);
    expect(() =>
      check({
        status: 409,
        headers: PROBLEM_HEADERS,
        body: { ...NOT_FOUND, type: 'https://inovda.id/problems/invalid-state', code: 'invalid-state', status: 409 },
      }),
    ).toThrow(/undeclared status/);
  });

  it('fails a problem without the problem shape, and a success without its headers', () => {
    expect(() => check({ status: 404, headers: PROBLEM_HEADERS, body: { message: 'not found' } })).toThrow(
      /not a problem/,
    );
    expect(() => check({ status: 404, headers: PROBLEM_HEADERS, body: { ...NOT_FOUND, status: 400 } })).toThrow(
      /says status 400/,
    );
    expect(() => check({ status: 200, headers: { 'content-type': 'application/json' }, body: INNOVATION })).toThrow(
      /headers missing: etag/,
    );
  });
});
