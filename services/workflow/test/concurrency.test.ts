import { InnovationRegistered } from '@inovda/contracts';
import { REQUEST_CONFLICT_RETRY } from '@inovda/dynamo';
import { ConsumerRecordFailed } from '@inovda/local/testing';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPLETE_PROFILE, type Harness, type Response, startHarness, type Who } from './harness';

/**
 * Concurrent changes of one cycle against DynamoDB's conflicts: the handlers reach DynamoDB Local through an
 * endpoint that cancels overlapping transactions with `TransactionConflict` as DynamoDB does (DynamoDB Local alone
 * never does), so these tests see the conflicts production sees.
 */
let api: Harness;
beforeAll(async () => {
  api = await startHarness({ transactionConflicts: true });
});
afterAll(async () => {
  await api?.stop();
});

/** The OPD callers that may request an advance, with their OPDs. */
const OPD_CALLERS: ReadonlyArray<{ who: Who; opdId: string }> = [
  { who: 'dinkes', opdId: 'dinkes' },
  { who: 'capil', opdId: 'disdukcapil' },
  { who: 'balitbang', opdId: 'balitbang' },
];

/** An innovation at Drum up in `cycleId` with its request to enter Diagnose waiting; its id and the request's. */
async function awaitingApproval(cycleId: string, owner: { who: Who; opdId: string }) {
  const id = await api.registered(cycleId, owner.opdId, COMPLETE_PROFILE);
  const requested = await api.requestAdvance(owner.who, id, { note: 'siap' });
  expect(requested.status).toBe(201);
  return { id, opdId: owner.opdId, requestId: requested.body.requestId as string };
}

/**
 * Approves as a client should: a 409 `concurrent-change` is followed by a retry after the `Retry-After` it names.
 * Returns every answer, in order.
 */
async function approveHonouringRetryAfter(who: Who, id: string, requestId: string): Promise<Response[]> {
  const answers: Response[] = [];
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const answer = await api.approve(who, id, requestId);
    answers.push(answer);
    if (answer.status !== 409 || answer.body.code !== 'concurrent-change') break;
    await new Promise((resolve) => setTimeout(resolve, Number(answer.headers['retry-after']) * 1000));
  }
  return answers;
}

async function board(cycleId: string) {
  const answer = await api.board('coordinator', cycleId);
  expect(answer.status).toBe(200);
  return answer.body as {
    funnel: { registered: number; stages: Record<string, number> };
    opds: Array<{ opdId: string; registered: number; stages: Record<string, number> }>;
  };
}

describe('concurrent changes of one cycle', () => {
  it('two concurrent approvals of different innovations whose transactions conflict both succeed (no 5xx)', async () => {
    const cycleId = await api.openedCycle();
    const first = await awaitingApproval(cycleId, { who: 'dinkes', opdId: 'dinkes' });
    const second = await awaitingApproval(cycleId, { who: 'dinkes', opdId: 'dinkes' });
    const before = api.conflicts();
    // Two of their transactions are cancelled as DynamoDB cancels overlapping ones; the store retries them.
    api.conflictNext(2);
    const answers = await Promise.all([
      api.approve('coordinator', first.id, first.requestId),
      api.approve('coordinator2', second.id, second.requestId),
    ]);
    // The two forced, and any the two approvals had with each other.
    expect(api.conflicts() - before).toBeGreaterThanOrEqual(2);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    const counts = await board(cycleId);
    expect(counts.funnel.stages).toMatchObject({ 'drum-up': 0, diagnose: 2 });
  });

  it('a conflict outlasting the retries is a 409 concurrent-change with Retry-After; the retry then succeeds', async () => {
    const cycleId = await api.openedCycle();
    const { id, requestId } = await awaitingApproval(cycleId, { who: 'capil', opdId: 'disdukcapil' });
    api.conflictNext(REQUEST_CONFLICT_RETRY.attempts);
    const answers = await approveHonouringRetryAfter('coordinator', id, requestId);
    expect(answers.map((answer) => answer.status)).toEqual([409, 200]);
    expect(answers[0]?.body).toMatchObject({ code: 'concurrent-change', status: 409 });
    expect(answers[0]?.body.detail).toMatch(/coba lagi/);
    expect(answers[0]?.headers['retry-after']).toBe('1');
    expect((await api.track('capil', id)).body).toMatchObject({ stage: 'diagnose', version: 3 });
    expect((await board(cycleId)).funnel.stages).toMatchObject({ 'drum-up': 0, diagnose: 1 });
  });

  it('200 concurrent registrations and 50 concurrent approvals in one cycle: no 5xx, every track opened, counts equal the tracks', async () => {
    const cycleId = await api.openedCycle();
    const approvals = [];
    for (let index = 0; index < 50; index += 1) {
      approvals.push(
        await awaitingApproval(cycleId, OPD_CALLERS[index % OPD_CALLERS.length] as (typeof OPD_CALLERS)[0]),
      );
    }
    const registrations = Array.from({ length: 200 }, (_, index) => ({
      innovationId: ulid(),
      opdId: ['dinkes', 'disdukcapil', 'balitbang', 'dpmptsp'][index % 4] as string,
    }));
    const conflictsBefore = api.conflicts();

    // Everything at once: each registration delivered as the consumer's queue delivers it (a record the consumer
    // reports failed, its conflict retries spent on a busy machine, comes back: the same event, up to five receives
    // here), each approval by a coordinator who follows Retry-After should the store's own retries not suffice.
    let redelivered = 0;
    const deliverAsTheQueueDoes = async (data: Parameters<typeof InnovationRegistered.create>[0]) => {
      const sameEvent = { eventId: ulid(), occurredAt: new Date().toISOString() };
      for (let receive = 1; ; receive += 1) {
        try {
          return await api.deliver(InnovationRegistered, data, sameEvent);
        } catch (error) {
          if (!(error instanceof ConsumerRecordFailed) || receive >= 5) throw error;
          redelivered += 1;
        }
      }
    };
    const [registered, approved] = await Promise.all([
      Promise.allSettled(
        registrations.map(({ innovationId, opdId }, index) =>
          deliverAsTheQueueDoes({
            innovationId,
            opdId,
            version: 2,
            name: `Inovasi serentak ${index}`,
            cycleId,
            registeredAt: new Date().toISOString(),
          }),
        ),
      ),
      Promise.all(
        approvals.map(({ id, opdId, requestId }, index) =>
          // `coordinator` belongs to balitbang and may not decide its own OPD's requests.
          approveHonouringRetryAfter(
            index % 2 && opdId !== 'balitbang' ? 'coordinator' : 'coordinator2',
            id,
            requestId,
          ),
        ),
      ),
    ]);

    // The burst did conflict, as it would in DynamoDB: the test is not passing on an idle table.
    expect(api.conflicts() - conflictsBefore).toBeGreaterThan(0);
    const failedDeliveries = registered.filter((outcome) => outcome.status === 'rejected');
    expect(failedDeliveries.map((outcome) => String((outcome as PromiseRejectedResult).reason))).toEqual([]);
    const answers = approved.flat();
    expect(answers.filter((answer) => answer.status >= 500)).toEqual([]);
    for (const answer of answers.filter((answer) => answer.status === 409)) {
      expect(answer.body).toMatchObject({ code: 'concurrent-change' });
      expect(answer.headers['retry-after']).toBe('1');
    }
    const finalAnswers = approved.map((answers) => answers.at(-1));
    expect(finalAnswers.map((last) => (last?.status === 200 ? 200 : `${last?.status} ${last?.body.code}`))).toEqual(
      approvals.map(() => 200),
    );
    console.info(
      `hot rows: ${api.conflicts() - conflictsBefore} transactions cancelled for a conflict and retried; ` +
        `${answers.filter((answer) => answer.status === 409).length} approvals answered 409 then succeeded; ` +
        `${redelivered} registrations redelivered after the consumer reported them failed`,
    );

    const tracks = await Promise.all(registrations.map(({ innovationId }) => api.track('coordinator', innovationId)));
    expect(tracks.filter((track) => track.status !== 200 || track.body.stage !== 'drum-up')).toEqual([]);

    const counts = await board(cycleId);
    expect(counts.funnel.registered).toBe(250);
    expect(counts.funnel.stages).toMatchObject({ 'drum-up': 200, diagnose: 50 });
    const expected = new Map<string, { registered: number; drumUp: number; diagnose: number }>();
    const at = (opdId: string) => {
      const row = expected.get(opdId) ?? { registered: 0, drumUp: 0, diagnose: 0 };
      expected.set(opdId, row);
      return row;
    };
    for (const { opdId } of registrations) {
      at(opdId).registered += 1;
      at(opdId).drumUp += 1;
    }
    for (const { opdId } of approvals) {
      at(opdId).registered += 1;
      at(opdId).diagnose += 1;
    }
    for (const opd of counts.opds) {
      const want = expected.get(opd.opdId) ?? { registered: 0, drumUp: 0, diagnose: 0 };
      expect({ opdId: opd.opdId, registered: opd.registered, ...opd.stages }).toMatchObject({
        opdId: opd.opdId,
        registered: want.registered,
        'drum-up': want.drumUp,
        diagnose: want.diagnose,
      });
    }
    expect(counts.opds.map((opd) => opd.opdId).sort()).toEqual([...expected.keys()].sort());
  });
});
