import type { Client } from '../load/virtual-users';

/**
 * The chaos run's traffic: OPD users creating, updating, registering and withdrawing innovations and asking to
 * advance, and a coordinator approving. Unlike the load run it remembers *which* innovation each accepted request
 * was about (the ledger), because the checks afterwards compare the tables with exactly what the API accepted.
 */

type Json = Record<string, unknown>;

/** What the API accepted, by innovation id: the truth the tables are checked against. */
export interface Ledger {
  readonly registered: Set<string>;
  readonly withdrawn: Set<string>;
  readonly approved: Set<string>;
  /** Accepted requests of every kind (creates and updates included), for the report. */
  readonly accepted: Record<string, number>;
}

export function emptyLedger(): Ledger {
  return { registered: new Set(), withdrawn: new Set(), approved: new Set(), accepted: {} };
}

function count(ledger: Ledger, operation: string): void {
  ledger.accepted[operation] = (ledger.accepted[operation] ?? 0) + 1;
}

export interface OpdCaller {
  readonly token: string;
  readonly opdId: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls the track a few times. With faults on it may not open for a long while (its registration sitting in the
 * outbox or a queue); then the user simply moves on, and the checks afterwards still expect the track.
 */
async function trackOpened(client: Client, token: string, id: string): Promise<boolean> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const track = await client.call('GET track', token, 'GET', `/innovations/${id}/track`);
    if (track.status === 200) return true;
    await sleep(300);
  }
  return false;
}

/**
 * One OPD user's loop while `running()`: create, update (twice, so profile events outnumber the others), register;
 * then, once the track is seen open (now or in a later iteration), every third is withdrawn, the others ask to
 * leave Drum up.
 * Withdrawing only a track seen open keeps the check simple and strict: its registration was applied before the
 * withdrawal was even made, so the withdrawal must close a real track (never a tombstone).
 */
export async function opdUser(
  client: Client,
  caller: OpdCaller,
  cycleId: string,
  vu: number,
  running: () => boolean,
  ledger: Ledger,
): Promise<void> {
  const waiting: string[] = [];
  let acted = 0;
  for (let iteration = 0; running(); iteration++) {
    const created = await client.call('POST /innovations', caller.token, 'POST', '/innovations', {
      name: `Inovasi chaos ${vu}-${iteration}`,
      opdId: caller.opdId,
    });
    const id = created.body.id;
    if (created.status !== 201 || typeof id !== 'string') continue;
    count(ledger, 'create');
    let version = created.body.version;
    for (const round of [1, 2]) {
      const updated = await client.call(
        'PATCH /innovations/{id}',
        caller.token,
        'PATCH',
        `/innovations/${id}`,
        { problemStatement: `Layanan ${vu}-${iteration} masih lambat (catatan ${round}).` },
        { 'if-match': `"${String(version)}"` },
      );
      if (updated.status !== 200) break;
      count(ledger, 'update');
      version = updated.body.version;
    }
    const registered = await client.call(
      'POST /innovations/{id}/register',
      caller.token,
      'POST',
      `/innovations/${id}/register`,
      { cycleId },
    );
    if (registered.status !== 200) continue;
    ledger.registered.add(id);
    count(ledger, 'register');
    if (!running()) continue;
    if (await trackOpened(client, caller.token, id)) await actOnTrack(client, caller, id, acted++, ledger);
    else waiting.push(id);
    // A track that opened late (its registration held up by a fault) is acted on in a later iteration, so
    // withdrawals and advances keep coming while the consumer works through a backlog.
    const late = waiting.shift();
    if (late === undefined) continue;
    const track = await client.call('GET track', caller.token, 'GET', `/innovations/${late}/track`);
    if (track.status === 200) await actOnTrack(client, caller, late, acted++, ledger);
    else waiting.push(late);
  }
}

/** Every third track seen open is withdrawn, the others ask to leave Drum up. */
async function actOnTrack(client: Client, caller: OpdCaller, id: string, nth: number, ledger: Ledger): Promise<void> {
  if (nth % 3 === 2) {
    const withdrawn = await client.call(
      'POST /innovations/{id}/withdraw',
      caller.token,
      'POST',
      `/innovations/${id}/withdraw`,
      { reason: 'Digabung dengan inovasi lain' },
    );
    if (withdrawn.status === 200) {
      ledger.withdrawn.add(id);
      count(ledger, 'withdraw');
    }
    return;
  }
  const requested = await client.call(
    'POST advance-request',
    caller.token,
    'POST',
    `/innovations/${id}/track/advance-requests`,
    { note: 'Mohon ditinjau' },
  );
  if (requested.status === 201) count(ledger, 'request advance');
}

/**
 * The coordinator's loop while `running()`, and a last pass after: approve every waiting request not of their own
 * OPD (impartiality). A 409 is a request withdrawn or already decided meanwhile: not counted.
 */
export async function coordinator(
  client: Client,
  token: string,
  ownOpdId: string | undefined,
  cycleId: string,
  running: () => boolean,
  ledger: Ledger,
): Promise<void> {
  while (running()) {
    const page = await client.call(
      'GET advance-requests',
      token,
      'GET',
      `/cycles/${cycleId}/advance-requests?limit=50`,
    );
    const items = (Array.isArray(page.body.items) ? page.body.items : []) as Json[];
    const ours = items.filter((item) => item.opdId !== ownOpdId);
    if (ours.length === 0) {
      await sleep(200);
      continue;
    }
    for (const item of ours) {
      const innovationId = item.innovationId as string;
      const requestId = (item.request as Json | undefined)?.requestId;
      if (typeof requestId !== 'string') continue;
      const approved = await client.call(
        'POST approve',
        token,
        'POST',
        `/innovations/${innovationId}/track/advance-requests/${requestId}/approve`,
        { note: 'Disetujui' },
      );
      if (approved.status === 200) {
        ledger.approved.add(innovationId);
        count(ledger, 'approve');
      }
    }
  }
}
