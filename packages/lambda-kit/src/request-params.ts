import * as z from 'zod/mini';
import { Problem } from './problem';

/** Page sizes: a default that suits a form's table, and a hard cap so a page is always a bounded Query. */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** `?limit=`: 1 to MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE when absent. */
export const pageLimit = z._default(
  z.pipe(z.coerce.number(), z.int().check(z.minimum(1), z.maximum(MAX_PAGE_SIZE))),
  DEFAULT_PAGE_SIZE,
);

/** `?cursor=`: opaque, bounded (the store checks it belongs to the list asked for). */
export const pageCursor = z.string().check(z.minLength(1), z.maxLength(2_048));

/** The query of a plain list: `?limit=&cursor=` and nothing else. */
export const pageQuery = z.strictObject({ limit: pageLimit, cursor: z.optional(pageCursor) });

/** Ids the services mint are ULIDs; anything else cannot exist. */
export const ulidId = z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/));

/** Reads a path parameter with `schema`; an impossible value is a 404 (nothing to find), not a validation error. */
export function parsePathParameter<Schema extends z.ZodMiniType<string>>(
  schema: Schema,
  value: string | undefined,
): z.output<Schema> {
  const result = schema.safeParse(value);
  if (!result.success) throw new Problem('not-found');
  return result.data;
}

/** Parses `If-Match: "3"` (also `W/"3"` or a bare `3`) into a version; a missing header is a 428 when required. */
export function parseIfMatch(header: string | undefined, required: true): number;
export function parseIfMatch(header: string | undefined, required: false): number | undefined;
export function parseIfMatch(header: string | undefined, required: boolean): number | undefined {
  if (header === undefined || header.trim() === '') {
    if (required) throw new Problem('precondition-required');
    return undefined;
  }
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match?.[1]) {
    throw new Problem('validation-failed', {
      errors: [{ path: '/headers/if-match', code: 'invalid_format', message: 'If-Match harus berupa versi: "3"' }],
    });
  }
  return Number(match[1]);
}
