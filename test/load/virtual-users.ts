import { NO_ANSWER, type Tally } from './tally';

type Json = Record<string, unknown>;

/** An answer of the API, its body parsed when it was JSON. */
export interface Answer {
  readonly status: number;
  readonly body: Json;
}

/**
 * Calls the API and records the answer under `operation`: the time from sending to having read the whole body,
 * so a slow body counts as it would for a browser.
 */
export class Client {
  constructor(
    private readonly url: string,
    private readonly tally: Tally,
  ) {}

  async call(
    operation: string,
    token: string,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer> {
    const sent = performance.now();
    try {
      const response = await fetch(`${this.url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          // Content-Type only with a body: the handlers refuse a request announcing a JSON body it lacks.
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      const ms = performance.now() - sent;
      const parsed = parse(text);
      const code = response.status >= 400 && typeof parsed.code === 'string' ? parsed.code : undefined;
      this.tally.record({ operation, status: response.status, ms, ...(code === undefined ? {} : { code }) });
      return { status: response.status, body: parsed };
    } catch (error) {
      this.tally.record({ operation, status: NO_ANSWER, ms: performance.now() - sent, code: describe(error) });
      return { status: NO_ANSWER, body: {} };
    }
  }
}

function parse(text: string): Json {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Json) : {};
  } catch {
    return {};
  }
}

function describe(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return error instanceof Error ? `${error.message}${cause}` : String(error);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What the loops count beyond the per-request tally: the outcomes the report's consistency check needs. */
export interface Outcomes {
  iterations: number;
  registrationsAccepted: number;
  advanceRequested: number;
  /** Registered, but the workflow had not opened the track within the poll (not an error: the bus is async). */
  trackNotYetOpen: number;
  approvalsAccepted: number;
}

export function noOutcomes(): Outcomes {
  return { iterations: 0, registrationsAccepted: 0, advanceRequested: 0, trackNotYetOpen: 0, approvalsAccepted: 0 };
}

/** A virtual OPD user: its token and OPD. */
export interface OpdCaller {
  readonly token: string;
  readonly opdId: string;
}

/** When a loop stops starting steps: at the deadline, or after so many iterations (the warm-up's one). */
export interface Until {
  readonly deadline: number;
  readonly iterations?: number;
}

/** How the workflow consumer's lag is waited for after a registration. */
export interface TrackPoll {
  readonly attempts: number;
  readonly intervalMs: number;
}

/**
 * One OPD user's loop until `deadline`: create a draft, update it, register it into the cycle, then ask to leave
 * Drum up once the workflow has opened the track. Each step needs the previous one's success; a refused step ends
 * the iteration (its status is in the tally) and the next begins.
 */
export async function opdUser(
  client: Client,
  caller: OpdCaller,
  cycleId: string,
  vu: number,
  until: Until,
  poll: TrackPoll,
  outcomes: Outcomes,
): Promise<void> {
  const { deadline, iterations = Number.POSITIVE_INFINITY } = until;
  for (let iteration = 0; iteration < iterations && performance.now() < deadline; iteration++) {
    outcomes.iterations++;
    const created = await client.call(
      'POST /innovations',
      caller.token,
      'POST',
      '/innovations',
      { name: `Inovasi beban ${vu}-${iteration}`, opdId: caller.opdId },
      { 'idempotency-key': `load-${process.pid}-${vu}-${iteration}` },
    );
    const id = created.body.id;
    if (created.status !== 201 || typeof id !== 'string' || performance.now() >= deadline) continue;
    const updated = await client.call(
      'PATCH /innovations/{id}',
      caller.token,
      'PATCH',
      `/innovations/${id}`,
      { problemStatement: `Layanan ${vu}-${iteration} masih lambat dan harus didatangi langsung.` },
      { 'if-match': `"${String(created.body.version)}"` },
    );
    if (updated.status !== 200 || performance.now() >= deadline) continue;
    const registered = await client.call(
      'POST /innovations/{id}/register',
      caller.token,
      'POST',
      `/innovations/${id}/register`,
      { cycleId },
    );
    if (registered.status !== 200) continue;
    outcomes.registrationsAccepted++;
    if (!(await trackOpened(client, caller.token, id, poll))) {
      outcomes.trackNotYetOpen++;
      continue;
    }
    const requested = await client.call(
      'POST /innovations/{id}/track/advance-requests',
      caller.token,
      'POST',
      `/innovations/${id}/track/advance-requests`,
      { note: 'Mohon ditinjau' },
    );
    if (requested.status === 201) outcomes.advanceRequested++;
  }
}

/** Polls the track a few times: InnovationRegistered reaches the workflow through the bus and its queue. */
async function trackOpened(client: Client, token: string, id: string, poll: TrackPoll): Promise<boolean> {
  for (let attempt = 0; attempt < poll.attempts; attempt++) {
    const track = await client.call('GET /innovations/{id}/track', token, 'GET', `/innovations/${id}/track`);
    if (track.status === 200) return true;
    await sleep(poll.intervalMs);
  }
  return false;
}

interface PendingItem {
  readonly innovationId: string;
  readonly opdId: string;
  readonly requestId: string;
}

function pendingItems(body: Json): PendingItem[] {
  const items = Array.isArray(body.items) ? body.items : [];
  return items.flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null) return [];
    const { innovationId, opdId, request } = item as Json;
    const requestId = typeof request === 'object' && request !== null ? (request as Json).requestId : undefined;
    return typeof innovationId === 'string' && typeof opdId === 'string' && typeof requestId === 'string'
      ? [{ innovationId, opdId, requestId }]
      : [];
  });
}

/**
 * One coordinator's loop until `deadline`: read the review queue, approve what is there. The coordinator never
 * takes an innovation of their own OPD (the kernel's impartiality rule would refuse it with 403). Coordinator `k`
 * of `of` approves its own share of the page, as people sharing one queue split it; they still meet on a request
 * when the listing (an index, eventually consistent) lags an approval, and the loser gets a 409.
 */
export async function coordinator(
  client: Client,
  token: string,
  ownOpdId: string | undefined,
  cycleId: string,
  k: number,
  of: number,
  deadline: number,
  outcomes: Outcomes,
): Promise<void> {
  while (performance.now() < deadline) {
    const page = await client.call(
      'GET /cycles/{id}/advance-requests',
      token,
      'GET',
      `/cycles/${cycleId}/advance-requests?limit=50`,
    );
    const items = pendingItems(page.body).filter((item) => item.opdId !== ownOpdId);
    if (items.length === 0) {
      // An empty queue: look again shortly rather than spin on the list route.
      await sleep(200);
      continue;
    }
    // Its own slice of the page (at least one item), so a 409 means a real collision (a listing that lagged an
    // approval, two coordinators on one request), not this loop walking into another's share.
    const start = Math.min(Math.floor((k * items.length) / of), items.length - 1);
    const end = Math.max(Math.floor(((k + 1) * items.length) / of), start + 1);
    for (const item of items.slice(start, end)) {
      if (performance.now() >= deadline) break;
      const approved = await client.call(
        'POST …/advance-requests/{requestId}/approve',
        token,
        'POST',
        `/innovations/${item.innovationId}/track/advance-requests/${item.requestId}/approve`,
        { note: 'Disetujui' },
      );
      if (approved.status === 200) outcomes.approvalsAccepted++;
    }
  }
}
