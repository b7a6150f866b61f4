/** What the seed needs from the running platform. */
export interface SeedContext {
  readonly url: string;
  tokenFor(username: string): Promise<string> | string;
}

export interface Answer {
  readonly status: number;
  readonly payload: Record<string, unknown>;
}

/** One API call as a dev user; the seed goes through the API only (validation, outbox and events run as for a person). */
export async function send(method: string, url: string, token: string, body?: unknown): Promise<Answer> {
  const response = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, payload: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** A call that must succeed. */
export async function must(
  method: string,
  url: string,
  token: string,
  body?: unknown,
): Promise<Record<string, unknown>> {
  const { status, payload } = await send(method, url, token, body);
  if (status >= 300) throw new Error(`seed ${method} ${url} failed: ${status} ${JSON.stringify(payload)}`);
  return payload;
}

/**
 * A call that waits on an event crossing the bus (a cycle submissions has not heard of yet, a track not open yet, a
 * stage scoring does not know yet): retried while it answers one of the `waiting` problem codes or a 404, bounded.
 */
export async function once(
  what: string,
  call: () => Promise<Answer>,
  waiting: readonly string[] = [],
): Promise<Record<string, unknown>> {
  let last: Answer | undefined;
  for (let attempt = 0; attempt < 150; attempt++) {
    last = await call();
    if (last.status < 300) return last.payload;
    const code = String(last.payload.code ?? '');
    if (last.status !== 404 && !waiting.includes(code)) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`seed ${what} failed: ${last?.status} ${JSON.stringify(last?.payload)}`);
}
