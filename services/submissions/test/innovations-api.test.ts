import {
  InnovationDrafted,
  InnovationProfileUpdated,
  InnovationRegistered,
  submissionsRoutes as routes,
} from '@inovda/contracts';
import { expectProblem } from '@inovda/lambda-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, type Response, startHarness } from './harness';

let api: Harness;
beforeAll(async () => {
  api = await startHarness();
  // One open programme cycle, as the workflow service announces it: registrations go into it by default.
  await api.deliverCycleEvent('CycleOpened', 'program-2027');
});
afterAll(async () => {
  await api?.stop();
});

async function draft(who: 'dinkes' | 'capil' = 'dinkes', extra: Record<string, unknown> = {}) {
  const opdId = who === 'dinkes' ? 'dinkes' : 'disdukcapil';
  const response = await api.create(who, { name: `Inovasi ${Math.random()}`, opdId, ...extra });
  expect(response.status).toBe(201);
  return response.body as { id: string; version: number; opdId: string; status: string };
}

function outboxDetails(items: Awaited<ReturnType<Harness['items']>>, innovationId: string) {
  return items
    .filter((item) => item.pk?.S?.startsWith('OUTBOX#'))
    .map((item) => JSON.parse(item.detail?.S ?? '{}'))
    .filter((detail) => detail.data.innovationId === innovationId);
}

describe('POST /innovations', () => {
  it('creates a draft with version 1, its history entry and an InnovationDrafted event in the outbox', async () => {
    const response = await api.create('dinkes', { name: 'Posyandu Digital', opdId: 'dinkes', type: 'digital' });
    expect(response.status).toBe(201);
    const innovation = response.body as { id: string };
    expect(response.body).toMatchObject({ name: 'Posyandu Digital', opdId: 'dinkes', version: 1, status: 'draft' });
    expect(response.headers.location).toBe(`/innovations/${innovation.id}`);
    expect(response.headers.etag).toBe('"1"');
    const events = outboxDetails(await api.items(), innovation.id);
    expect(events).toHaveLength(1);
    const event = InnovationDrafted.parse(events[0]);
    expect(event.metadata).toMatchObject({ eventType: 'InnovationDrafted', regionId: 'kota-solok', version: 1 });
    expect(event.metadata.actor).toEqual({ sub: 'sub-dinkes', username: 'opd.dinkes', role: 'opd', opdId: 'dinkes' });
    expect(event.data.profile).toEqual({ name: 'Posyandu Digital', opdId: 'dinkes', type: 'digital' });
  });

  it('refuses an OPD user creating for another OPD, and writes nothing', async () => {
    const before = (await api.items()).length;
    expectProblem(await api.create('dinkes', { name: 'Nope', opdId: 'disdukcapil' }), 'forbidden');
    expectProblem(await api.create('admin', { name: 'Nope', opdId: 'atlantis' }), 'validation-failed');
    expectProblem(await api.create('coordinator', { name: 'Nope', opdId: 'balitbang' }), 'forbidden');
    expect((await api.items()).length).toBe(before);
  });

  it('lets an admin create for any OPD of the region', async () => {
    const response = await api.create('admin', { name: 'Satu Data', opdId: 'dpmptsp' });
    expect(response.status).toBe(201);
    expect(response.body.createdBy).toEqual({ sub: 'sub-admin', username: 'admin', role: 'admin' });
  });

  it('creates one innovation for the same Idempotency-Key twice, and refuses the key for another body', async () => {
    const key = `key-${Math.random().toString(36).slice(2)}`;
    const body = { name: 'Sekali Saja', opdId: 'dinkes' };
    const first = await api.create('dinkes', body, { 'idempotency-key': key });
    const second = await api.create('dinkes', body, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.body.id).toBe(first.body.id);
    const named = (await api.items()).filter((item) => item.name?.S === 'Sekali Saja' && item.sk?.S === 'PROFILE');
    expect(named).toHaveLength(1);
    expectProblem(
      await api.create('dinkes', { ...body, goals: 'lain' }, { 'idempotency-key': key }),
      'idempotency-key-reused',
    );
    expectProblem(await api.create('dinkes', body, { 'idempotency-key': 'spaces are bad' }), 'validation-failed');
  });

  it('accepts a plain HTML form', async () => {
    const response = await api.route(routes.createInnovation, 'dinkes', {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      rawBody: 'name=Form+Biasa&opdId=dinkes&governmentAffairs%5B%5D=health&contactPerson%5Bname%5D=Rina&goals=',
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      name: 'Form Biasa',
      governmentAffairs: ['health'],
      contactPerson: { name: 'Rina' },
    });
    expect(response.body).not.toHaveProperty('goals');
  });
});

describe('GET /innovations/{id}', () => {
  it('shows an innovation to its OPD and to staff, and is a 404 for other OPDs and unknown ids', async () => {
    const innovation = await draft('dinkes');
    for (const who of ['dinkes', 'coordinator', 'evaluator', 'admin'] as const) {
      expect((await api.get(who, innovation.id)).status).toBe(200);
    }
    expectProblem(await api.get('capil', innovation.id), 'not-found');
    expectProblem(await api.get('admin', '01JZZZZZZZZZZZZZZZZZZZZZZZ'), 'not-found');
    expectProblem(await api.get('admin', 'not-an-id'), 'not-found');
  });
});

describe('PATCH /innovations/{id}', () => {
  it('applies a partial update with the current version and records who changed which fields', async () => {
    const innovation = await draft('dinkes', { goals: 'lama' });
    const response = await api.update(
      'dinkes',
      innovation.id,
      { goals: null, benefits: 'Antrean lebih pendek' },
      { 'if-match': '"1"' },
    );
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ version: 2, benefits: 'Antrean lebih pendek' });
    expect(response.body).not.toHaveProperty('goals');
    expect(response.headers.etag).toBe('"2"');
    const history = await api.versions('coordinator', innovation.id);
    expect(history.status).toBe(200);
    expect(history.body.items).toMatchObject([
      { version: 1, action: 'created', actor: { username: 'opd.dinkes', role: 'opd' } },
      { version: 2, action: 'updated', changedFields: ['goals', 'benefits'], actor: { username: 'opd.dinkes' } },
    ]);
    const events = outboxDetails(await api.items(), innovation.id).filter(
      (d) => d.metadata.eventType === 'InnovationProfileUpdated',
    );
    expect(InnovationProfileUpdated.parse(events[0]).data).toMatchObject({
      version: 2,
      changedFields: ['goals', 'benefits'],
    });
  });

  it('needs If-Match, refuses a stale version with 412 and the current version, and changes nothing', async () => {
    const innovation = await draft('dinkes');
    expectProblem(await api.update('dinkes', innovation.id, { goals: 'x' }), 'precondition-required');
    const stale = await api.update('dinkes', innovation.id, { goals: 'x' }, { 'if-match': '"7"' });
    expectProblem(stale, 'version-mismatch');
    expect(stale.body.currentVersion).toBe(1);
    expect(stale.headers.etag).toBe('"1"');
    expect((await api.get('dinkes', innovation.id)).body.version).toBe(1);
  });

  it('lets exactly one of two concurrent updates of the same version win', async () => {
    const innovation = await draft('dinkes');
    const results = await Promise.all(
      ['a', 'b', 'c'].map((goals) => api.update('dinkes', innovation.id, { goals }, { 'if-match': '"1"' })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 412, 412]);
    const current = await api.get('dinkes', innovation.id);
    expect(current.body.version).toBe(2);
    const history = await api.versions('dinkes', innovation.id);
    expect(history.body.items).toHaveLength(2);
  });

  it('refuses staff other than admins and hides the innovation from other OPDs', async () => {
    const innovation = await draft('dinkes');
    expectProblem(await api.update('coordinator', innovation.id, { goals: 'x' }, { 'if-match': '"1"' }), 'forbidden');
    expectProblem(await api.update('capil', innovation.id, { goals: 'x' }, { 'if-match': '"1"' }), 'not-found');
    expect((await api.update('admin', innovation.id, { goals: 'x' }, { 'if-match': '"1"' })).status).toBe(200);
  });

  it('treats a patch that changes nothing as a no-op without a new version', async () => {
    const innovation = await draft('dinkes', { goals: 'sama' });
    const response = await api.update('dinkes', innovation.id, { goals: 'sama' }, { 'if-match': '1' });
    expect(response.status).toBe(200);
    expect(response.body.version).toBe(1);
  });
});

describe('register and withdraw', () => {
  it('registers a draft once, withdraws it once, then freezes it', async () => {
    const innovation = await draft('capil');
    const registered = await api.act('capil', innovation.id, 'register');
    expect(registered.status).toBe(200);
    expect(registered.body).toMatchObject({ status: 'registered', version: 2 });
    expect(registered.body.registeredAt).toEqual(expect.any(String));
    expect(registered.body.cycleId).toBe('program-2027');
    expectProblem(await api.act('capil', innovation.id, 'register'), 'invalid-state');
    const withdrawn = await api.act('capil', innovation.id, 'withdraw', { reason: 'Digabung dengan inovasi lain' });
    expect(withdrawn.body).toMatchObject({
      status: 'withdrawn',
      version: 3,
      withdrawReason: 'Digabung dengan inovasi lain',
    });
    expectProblem(await api.act('capil', innovation.id, 'withdraw'), 'invalid-state');
    expectProblem(await api.update('capil', innovation.id, { goals: 'x' }, { 'if-match': '"3"' }), 'invalid-state');
    const events = outboxDetails(await api.items(), innovation.id).map((d) => d.metadata.eventType);
    expect(events.sort()).toEqual(['InnovationDrafted', 'InnovationRegistered', 'InnovationWithdrawn']);
    const registeredEvent = outboxDetails(await api.items(), innovation.id).find(
      (d) => d.metadata.eventType === 'InnovationRegistered',
    );
    expect(InnovationRegistered.parse(registeredEvent).data).toMatchObject({ version: 2, cycleId: 'program-2027' });
  });

  it('honours If-Match when given and refuses others', async () => {
    const innovation = await draft('dinkes');
    expectProblem(
      await api.act('dinkes', innovation.id, 'register', undefined, { 'if-match': '"9"' }),
      'version-mismatch',
    );
    expectProblem(await api.act('capil', innovation.id, 'register'), 'not-found');
    expectProblem(await api.act('evaluator', innovation.id, 'register'), 'forbidden');
    expectProblem(await api.act('dinkes', innovation.id, 'withdraw', { reason: 1 }), 'validation-failed');
    expect((await api.act('dinkes', innovation.id, 'register', undefined, { 'if-match': '"1"' })).status).toBe(200);
  });
});

describe('GET /innovations', () => {
  it("confines an OPD user to its own OPD's innovations", async () => {
    await draft('dinkes');
    await draft('capil');
    const own = await api.list('dinkes', { limit: '100' });
    const items = own.body.items as Array<{ opdId: string }>;
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((item) => item.opdId === 'dinkes')).toBe(true);
    expect((await api.list('dinkes', { opdId: 'disdukcapil' })).body).toEqual({ items: [], nextCursor: null });
  });

  it('filters by OPD and status for staff', async () => {
    const registered = await draft('capil');
    await api.act('capil', registered.id, 'register');
    const response = await api.list('coordinator', { opdId: 'disdukcapil', status: 'registered', limit: '100' });
    const items = response.body.items as Array<{ id: string; opdId: string; status: string }>;
    expect(items.some((item) => item.id === registered.id)).toBe(true);
    expect(items.every((item) => item.opdId === 'disdukcapil' && item.status === 'registered')).toBe(true);
    const byStatus = await api.list('evaluator', { status: 'registered', limit: '100' });
    expect((byStatus.body.items as Array<{ status: string }>).every((item) => item.status === 'registered')).toBe(true);
  });

  it('walks every page with the cursor, newest first, without repeats', async () => {
    const created: string[] = [];
    for (let i = 0; i < 5; i++) created.push((await draft('capil')).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Response = await api.list('capil', { limit: '2', ...(cursor ? { cursor } : {}) });
      expect(page.status).toBe(200);
      expect((page.body.items as unknown[]).length).toBeLessThanOrEqual(2);
      seen.push(...(page.body.items as Array<{ id: string }>).map((item) => item.id));
      cursor = page.body.nextCursor as string | null;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    const order = created.map((id) => seen.indexOf(id));
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => b - a)).toEqual(order);
  });

  it('bounds the page size and refuses bad queries and forged cursors', async () => {
    expectProblem(await api.list('admin', { limit: '101' }), 'invalid-query');
    expectProblem(await api.list('admin', { limit: '0' }), 'invalid-query');
    expectProblem(await api.list('admin', { status: 'lost' }), 'invalid-query');
    expectProblem(await api.list('admin', { colour: 'red' }), 'invalid-query');
    expectProblem(await api.list('admin', { cursor: 'not-a-cursor' }), 'invalid-cursor');
    // A cursor from another OPD's list cannot be replayed against one's own.
    await draft('capil');
    await draft('capil');
    const staffPage = await api.list('coordinator', { opdId: 'disdukcapil', limit: '1' });
    const foreignCursor = staffPage.body.nextCursor as string;
    expect(foreignCursor).toEqual(expect.any(String));
    expectProblem(await api.list('dinkes', { cursor: foreignCursor }), 'invalid-cursor');
  });
});

describe('GET /innovations ordering and scoping', () => {
  it('lists by status alone newest first, across OPDs', async () => {
    for (const who of ['dinkes', 'capil', 'dinkes', 'capil'] as const) await draft(who);
    const page = await api.list('coordinator', { status: 'draft', limit: '100' });
    const created = (page.body.items as Array<{ createdAt: string }>).map((item) => item.createdAt);
    expect(created.length).toBeGreaterThanOrEqual(4);
    expect([...created].sort().reverse()).toEqual(created);
  });

  it("refuses an OPD user a cursor from another OPD's status list", async () => {
    await draft('capil');
    await draft('capil');
    const foreign = await api.list('coordinator', { opdId: 'disdukcapil', status: 'draft', limit: '1' });
    expect(foreign.body.nextCursor).toEqual(expect.any(String));
    expectProblem(
      await api.list('dinkes', { status: 'draft', cursor: foreign.body.nextCursor as string }),
      'invalid-cursor',
    );
  });

  it('keeps idempotency keys per caller: two users with the same key get two innovations', async () => {
    const key = `shared-${Math.random().toString(36).slice(2)}`;
    const mine = await api.create('dinkes', { name: 'Sama Kunci', opdId: 'dinkes' }, { 'idempotency-key': key });
    const theirs = await api.create('capil', { name: 'Sama Kunci', opdId: 'disdukcapil' }, { 'idempotency-key': key });
    expect(mine.status).toBe(201);
    expect(theirs.status).toBe(201);
    expect(mine.body.id).not.toBe(theirs.body.id);
  });
});

describe('GET /innovations/{id}/versions', () => {
  it("is a 404 for another OPD's innovation and pages with a bounded size", async () => {
    const innovation = await draft('dinkes');
    expectProblem(await api.versions('capil', innovation.id), 'not-found');
    expectProblem(await api.versions('dinkes', innovation.id, { limit: '500' }), 'invalid-query');
    const page = await api.versions('dinkes', innovation.id, { limit: '1' });
    expect(page.body).toMatchObject({ items: [{ version: 1 }], nextCursor: null });
  });

  it('refuses a forged cursor of the right partition whose sort key lies outside the history with a 400', async () => {
    const innovation = await draft('dinkes');
    const cursorOf = (key: Record<string, string>) => Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
    // The partition is the innovation's own, so the partition check passes; `PROFILE` (the innovation item) and
    // `ZZZ` lie outside `VERSION#`, which DynamoDB refuses as an ExclusiveStartKey outside the key condition.
    for (const sk of ['PROFILE', 'ZZZ', 'VERSION']) {
      const forged = cursorOf({ pk: `INNOVATION#${innovation.id}`, sk });
      expectProblem(await api.versions('dinkes', innovation.id, { cursor: forged }), 'invalid-cursor');
    }
    // A cursor inside the history still pages: the check refuses only what is outside it.
    const inside = cursorOf({ pk: `INNOVATION#${innovation.id}`, sk: 'VERSION#000000001' });
    expect((await api.versions('dinkes', innovation.id, { cursor: inside })).body).toMatchObject({
      items: [],
      nextCursor: null,
    });
  });
});
