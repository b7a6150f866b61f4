import { t } from '../i18n';
import { appConfig } from './config';
import { currentSession, signOut } from './session';

/** A field-level message the API (or the same schema in the browser) gave. */
export interface FieldMessage {
  /** JSON-pointer-like path: `/name`, `/contactPerson/email`, `/milestones/0/title`. */
  readonly path: string;
  readonly message: string;
}

/** A refusal, as the API's problem document (RFC 9457) tells it, or a network failure. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string | undefined,
    readonly errors: readonly FieldMessage[],
    readonly body: Record<string, unknown> = {},
  ) {
    super(title);
  }
}

export interface ApiResult<T> {
  readonly status: number;
  readonly data: T;
  readonly etag: string | undefined;
}

export interface ApiOptions {
  readonly body?: unknown;
  readonly query?: Readonly<Record<string, string | undefined>>;
  readonly ifMatch?: string;
  readonly idempotencyKey?: string;
  /** Read the body as text (the CSV export). */
  readonly text?: boolean;
  /** No token (the public routes). */
  readonly anonymous?: boolean;
}

function problemFrom(status: number, body: unknown): ApiProblem {
  const document = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const errors = Array.isArray(document.errors)
    ? document.errors.flatMap((error: unknown) => {
        const item = error as Record<string, unknown>;
        return typeof item?.path === 'string' && typeof item.message === 'string'
          ? [{ path: item.path, message: item.message }]
          : [];
      })
    : [];
  // The stable `code` every problem carries (the edge's 429 too); `type` is its URI form.
  const code = typeof document.code === 'string' ? document.code : 'unknown';
  const title = typeof document.title === 'string' ? document.title : t.problems.unknown;
  const detail = typeof document.detail === 'string' ? document.detail : undefined;
  return new ApiProblem(status, code, title, detail, errors, document);
}

/**
 * A new `Idempotency-Key` for a create form: the form sends the same key until the create succeeds, so a retry of a
 * request whose answer was lost answers the first result instead of creating twice.
 */
export const newIdempotencyKey = () => crypto.randomUUID();

/** Calls the API with the session's ID token; a refusal throws {@link ApiProblem}, with the API's own words. */
export async function api<T>(method: string, path: string, options: ApiOptions = {}): Promise<ApiResult<T>> {
  const { apiUrl } = await appConfig();
  const url = new URL(`${apiUrl}${path}`);
  for (const [key, value] of Object.entries(options.query ?? {}))
    if (value !== undefined) url.searchParams.set(key, value);
  const headers: Record<string, string> = { accept: 'application/json' };
  const session = options.anonymous ? undefined : currentSession();
  if (session) headers.authorization = `Bearer ${session.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.ifMatch) headers['if-match'] = options.ifMatch;
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
  } catch {
    throw new ApiProblem(0, 'network', t.problems.network, undefined, []);
  }
  const etag = response.headers.get('etag') ?? undefined;
  if (options.text && response.ok) return { status: response.status, data: (await response.text()) as T, etag };
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    // The session expired (while the page was open, or before this call): sign out, so the app asks to sign in
    // again and comes back to this page (a form's unsaved input is kept for it) instead of failing every call.
    if (response.status === 401 && !options.anonymous) signOut();
    throw problemFrom(response.status, body);
  }
  return { status: response.status, data: body as T, etag };
}
