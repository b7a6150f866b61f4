import { CycleClosed, CycleOpened, workflowRoutes as routes } from '@inovda/contracts';
import { expectProblem } from '@inovda/lambda-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getBoard } from '../src/use-cases/board';
import { type Harness, startHarness, windows } from './harness';

let api: Harness;
beforeAll(async () => {
  api = await startHarness();
});
afterAll(async () => {
  await api?.stop();
});

const plan = {
  name: 'Program Inovasi 2027',
  year: 2027,
  stageWindows: windows(2027),
  targetPerOpd: 1,
  monevIntervalDays: 90,
};

describe('POST /cycles', () => {
  it('plans a cycle at version 1, and only the coordinator or an admin may', async () => {
    const response = await api.createCycle('coordinator', plan);
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ ...plan, status: 'planned', version: 1 });
    expect(response.headers.etag).toBe('"1"');
    expect(response.headers.location).toBe(`/cycles/${response.body.id}`);
    expect((await api.createCycle('admin', plan)).status).toBe(201);
    expectProblem(await api.createCycle('dinkes', plan), 'forbidden');
    expectProblem(await api.createCycle('evaluator', plan), 'forbidden');
  });

  it('plans once for a retried request with the same Idempotency-Key, and refuses the key with another plan', async () => {
    const key = { 'idempotency-key': `plan-${Date.now()}` };
    const retried = { ...plan, name: 'Program Inovasi 2027 (diulang)' };
    const before = (await api.items()).length;
    const first = await api.createCycle('coordinator', retried, key);
    expect(first.status).toBe(201);
    const afterFirst = (await api.items()).length;
    const again = await api.createCycle('coordinator', retried, key);
    expect(again.status).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(again.headers.location).toBe(`/cycles/${first.body.id}`);
    // Nothing more written by the retry: the cycle and its claim are the first request's.
    expect(afterFirst).toBe(before + 2);
    expect((await api.items()).length).toBe(afterFirst);
    expectProblem(await api.createCycle('coordinator', { ...retried, targetPerOpd: 2 }, key), 'idempotency-key-reused');
    // A key is the caller's own: another coordinator's same key is a request of its own.
    expect((await api.createCycle('admin', retried, key)).status).toBe(201);
    expectProblem(
      await api.createCycle('coordinator', plan, { 'idempotency-key': 'bukan kunci' }),
      'validation-failed',
    );
    expect((await api.items()).length).toBe(afterFirst + 2);
  });

  it('accepts a plain HTML form, nested windows and numbers as the form sends them', async () => {
    const form = new URLSearchParams({
      name: 'Program Inovasi Formulir',
      year: '2028',
      targetPerOpd: '2',
      monevIntervalDays: '30',
    });
    for (const [stage, window] of Object.entries(windows(2028))) {
      form.set(`stageWindows[${stage}][start]`, window.start);
      form.set(`stageWindows[${stage}][due]`, window.due);
    }
    const response = await api.route(routes.createCycle, 'coordinator', {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      rawBody: form.toString(),
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      year: 2028,
      targetPerOpd: 2,
      monevIntervalDays: 30,
      stageWindows: windows(2028),
    });
  });

  it('refuses windows out of order or ending before they start, naming each date in Indonesian', async () => {
    const before = (await api.items()).length;
    const bad = {
      ...plan,
      stageWindows: {
        ...windows(2027),
        diagnose: { start: '2026-12-01', due: '2027-04-30' },
        design: { start: '2027-06-30', due: '2027-05-01' },
      },
    };
    const response = await api.createCycle('coordinator', bad);
    expectProblem(response, 'validation-failed');
    const errors = response.body.errors as Array<{ path: string; message: string }>;
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: '/stageWindows/diagnose/start',
          message: 'tahapan tidak boleh dimulai sebelum tahapan sebelumnya',
        }),
        expect.objectContaining({
          path: '/stageWindows/design/due',
          message: 'tanggal selesai tidak boleh sebelum tanggal mulai',
        }),
      ]),
    );
    const { display: _missing, ...four } = windows(2027);
    expectProblem(await api.createCycle('coordinator', { ...plan, stageWindows: four }), 'validation-failed');
    expectProblem(await api.createCycle('coordinator', { ...plan, targetPerOpd: 0 }), 'validation-failed');
    expect((await api.items()).length).toBe(before);
  });
});

describe('cycle lifecycle', () => {
  it('opens a planned cycle and closes an open one, each with its event; illegal moves are 409', async () => {
    const id = (await api.createCycle('coordinator', plan)).body.id as string;
    expectProblem(await api.closeCycle('coordinator', id), 'invalid-state');
    const opened = await api.openCycle('coordinator', id);
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({ status: 'open', version: 2 });
    expectProblem(await api.openCycle('coordinator', id), 'invalid-state');
    const closed = await api.closeCycle('admin', id);
    expect(closed.body).toMatchObject({ status: 'closed', version: 3 });
    expectProblem(await api.openCycle('coordinator', id), 'invalid-state');
    expectProblem(
      await api.updateCycle('coordinator', id, { stageWindows: {} }, { 'if-match': '"3"' }),
      'invalid-state',
    );

    const openedEvents = (await api.outbox('CycleOpened')).filter((event) => event.data.cycleId === id);
    expect(openedEvents).toHaveLength(1);
    expect(CycleOpened.parse(openedEvents[0]).data).toMatchObject({ name: plan.name, year: 2027 });
    expect(CycleOpened.parse(openedEvents[0]).data.stageWindows).toEqual(plan.stageWindows);
    const closedEvents = (await api.outbox('CycleClosed')).filter((event) => event.data.cycleId === id);
    expect(CycleClosed.parse(closedEvents[0]).metadata.actor).toMatchObject({ username: 'admin', role: 'admin' });
  });

  it('is readable by every role, listed newest year first, paginated', async () => {
    const id = (await api.createCycle('coordinator', { ...plan, year: 2031 })).body.id as string;
    for (const who of ['dinkes', 'evaluator', 'coordinator'] as const) {
      expect((await api.getCycle(who, id)).body).toMatchObject({ id, year: 2031 });
    }
    expectProblem(await api.getCycle('dinkes', '01JZZZZZZZZZZZZZZZZZZZZZZZ'), 'not-found');
    expectProblem(await api.getCycle('dinkes', 'nope'), 'not-found');
    const first = await api.listCycles('dinkes', { limit: '1' });
    expect(first.body.items).toMatchObject([{ id }]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await api.listCycles('dinkes', { limit: '1', cursor: first.body.nextCursor as string });
    expect((second.body.items as unknown[]).length).toBe(1);
    expectProblem(await api.listCycles('dinkes', { limit: '1000' }), 'invalid-query');
    expectProblem(await api.listCycles('dinkes', { cursor: 'Zm9v' }), 'invalid-cursor');
  });
});

describe('PATCH /cycles/{id}', () => {
  it('moves windows with the current version, refuses a stale one with 412, and keeps the plan valid', async () => {
    const id = (await api.createCycle('coordinator', plan)).body.id as string;
    expectProblem(
      await api.updateCycle('coordinator', id, {
        stageWindows: { display: { start: '2027-10-01', due: '2027-12-15' } },
      }),
      'precondition-required',
    );
    const moved = await api.updateCycle(
      'coordinator',
      id,
      { stageWindows: { display: { start: '2027-10-01', due: '2027-12-15' } } },
      { 'if-match': '"1"' },
    );
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ version: 2, stageWindows: { display: { due: '2027-12-15' } } });
    const stale = await api.updateCycle(
      'coordinator',
      id,
      { stageWindows: { display: { start: '2027-10-01', due: '2027-12-20' } } },
      { 'if-match': '"1"' },
    );
    expectProblem(stale, 'version-mismatch');
    expect(stale.body.currentVersion).toBe(2);
    const broken = await api.updateCycle(
      'coordinator',
      id,
      { stageWindows: { design: { start: '2027-01-01', due: '2027-01-02' } } },
      { 'if-match': '"2"' },
    );
    expectProblem(broken, 'validation-failed');
    expect((await api.getCycle('coordinator', id)).body.version).toBe(2);
    // Still allowed while open.
    await api.openCycle('coordinator', id);
    const whileOpen = await api.updateCycle(
      'coordinator',
      id,
      { stageWindows: { display: { start: '2027-10-01', due: '2027-12-31' } } },
      { 'if-match': '"3"' },
    );
    expect(whileOpen.body).toMatchObject({ version: 4, status: 'open' });
  });
});

describe('PUT /cycles/{id}/commitments/{opdId}', () => {
  it("records an OPD's pledge by that OPD or a coordinator, and shows it on the board", async () => {
    const id = await api.openedCycle();
    expect((await api.commit('dinkes', id, 'dinkes', { pledged: 2 })).body).toEqual({
      cycleId: id,
      opdId: 'dinkes',
      pledged: 2,
    });
    expect((await api.commit('coordinator', id, 'disdukcapil', { pledged: 1 })).status).toBe(200);
    expectProblem(await api.commit('dinkes', id, 'disdukcapil', { pledged: 5 }), 'forbidden');
    expectProblem(await api.commit('evaluator', id, 'dinkes', { pledged: 5 }), 'forbidden');
    expectProblem(await api.commit('coordinator', id, 'atlantis', { pledged: 5 }), 'not-found');
    expectProblem(await api.commit('dinkes', id, 'dinkes', { pledged: -1 }), 'validation-failed');
    const board = await api.board('coordinator', id);
    const opds = board.body.opds as Array<{ opdId: string; pledged: number | null; registered: number }>;
    expect(opds.find((opd) => opd.opdId === 'dinkes')).toMatchObject({ pledged: 2, registered: 0 });
    expect(opds.find((opd) => opd.opdId === 'disdukcapil')).toMatchObject({ pledged: 1 });
    expect(opds.find((opd) => opd.opdId === 'dpmptsp')).toMatchObject({ pledged: null });
    await api.closeCycle('coordinator', id);
    expectProblem(await api.commit('dinkes', id, 'dinkes', { pledged: 3 }), 'invalid-state');
  });
});

describe('the board after an OPD left the region config', () => {
  it("still shows every current OPD's row, whatever rows the cycle kept for OPDs no longer listed", async () => {
    const cycleId = await api.openedCycle();
    for (const [opdId, pledged] of [
      ['balitbang', 1],
      ['dinkes', 2],
      ['disdukcapil', 3],
      ['dpmptsp', 4],
    ] as const) {
      expect((await api.commit('coordinator', cycleId, opdId, { pledged })).status).toBe(200);
    }
    // The region drops two OPDs (sorted first) from its config; their rows stay in the cycle's partition.
    const deps = { ...api.depsAt(new Date()), regionOpdIds: new Set(['disdukcapil', 'dpmptsp']) };
    const board = await getBoard(deps, cycleId);
    expect(board.opds.map((row) => [row.opdId, row.pledged])).toEqual([
      ['disdukcapil', 3],
      ['dpmptsp', 4],
    ]);
  });
});
