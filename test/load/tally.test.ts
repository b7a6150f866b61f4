import { describe, expect, it } from 'vitest';
import { renderOperations, renderTotals } from './render';
import { type Consistency, failuresOf, NO_ANSWER, reportByOperation, type Sample, totalsOf } from './tally';

const samples: Sample[] = [
  { operation: 'POST /innovations', status: 201, ms: 10 },
  { operation: 'POST /innovations', status: 201, ms: 30 },
  { operation: 'PATCH /innovations/{id}', status: 412, code: 'precondition-failed', ms: 5 },
  { operation: 'POST /innovations', status: 409, code: 'concurrent-change', ms: 20 },
  { operation: 'PATCH /innovations/{id}', status: 200, ms: 15 },
];

const agreeing: Consistency = {
  registrationsAccepted: 3,
  boardRegistered: 3,
  approvalsAccepted: 1,
  boardDiagnose: 1,
  drained: true,
};

describe('the load report', () => {
  it('groups by operation in first-answer order, with rates over the run and a status histogram', () => {
    const [create, patch] = reportByOperation(samples, 2000);
    expect(create).toMatchObject({ operation: 'POST /innovations', count: 3, perSecond: 1.5 });
    expect(create?.statuses).toEqual({ '201': 2, '409': 1 });
    expect(create?.latency?.p50).toBe(20);
    expect(patch).toMatchObject({ operation: 'PATCH /innovations/{id}', count: 2, statuses: { '200': 1, '412': 1 } });
  });

  it('leaves unanswered requests out of the latency but counts them', () => {
    const [only] = reportByOperation([{ operation: 'GET /x', status: NO_ANSWER, ms: 30_000 }], 1000);
    expect(only).toMatchObject({ count: 1, latency: undefined, statuses: { '0': 1 } });
  });

  it('totals the 4xx by status and problem code, apart from 5xx and unanswered requests', () => {
    const totals = totalsOf(
      [...samples, { operation: 'GET /x', status: 503, ms: 1 }, { operation: 'GET /x', status: NO_ANSWER, ms: 1 }],
      1000,
    );
    expect(totals).toMatchObject({ requests: 7, serverErrors: 1, noAnswer: 1 });
    expect(totals.clientErrors).toEqual({ '412 precondition-failed': 1, '409 concurrent-change': 1 });
  });

  it('passes with 4xx alone and an agreeing board', () => {
    expect(failuresOf(totalsOf(samples, 1000), agreeing)).toEqual([]);
  });

  it('fails on a 5xx, an unanswered request, or a board that disagrees with what the API accepted', () => {
    const broken = totalsOf([{ operation: 'GET /x', status: 500, ms: 1 }], 1000);
    expect(failuresOf(broken, agreeing)).toEqual(['1 answers were 5xx']);
    const lost = failuresOf(totalsOf(samples, 1000), { ...agreeing, boardRegistered: 2, boardDiagnose: undefined });
    expect(lost).toHaveLength(2);
    expect(lost[0]).toContain('2 registered');
  });

  it('renders every operation and the totals', () => {
    const text = renderOperations(reportByOperation(samples, 1000));
    expect(text).toContain('201×2 409×1');
    expect(renderTotals(totalsOf(samples, 1000), agreeing)).toContain('409 concurrent-change ×1');
  });
});
