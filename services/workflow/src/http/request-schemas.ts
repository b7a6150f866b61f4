import { OPD_ID, STAGES } from '@inovda/contracts';
import { Problem } from '@inovda/lambda-kit';
import * as z from 'zod/mini';

/** Page sizes: a default that suits a form's table, and a hard cap so a page is always a bounded Query. */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

const limit = z._default(
  z.pipe(z.coerce.number(), z.int().check(z.minimum(1), z.maximum(MAX_PAGE_SIZE))),
  DEFAULT_PAGE_SIZE,
);
const cursor = z.string().check(z.minLength(1), z.maxLength(2_048));

/** Query of a plain list (`GET /cycles`, `GET /innovations/{id}/track/history`). */
export const pageQuery = z.strictObject({ limit, cursor: z.optional(cursor) });

/** Query of `GET /cycles/{id}/board`: with `stage`, a page of the innovations in that stage too. */
export const boardQuery = z.strictObject({ stage: z.optional(z.enum(STAGES)), limit, cursor: z.optional(cursor) });

/** Ids (cycles, innovations, requests) are ULIDs; anything else cannot exist, so it is a 404 without a read. */
const ulidId = z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/));

/** Reads an id path parameter; an impossible id is a 404 (nothing to find), not a validation error. */
export function parseId(value: string | undefined): string {
  const result = ulidId.safeParse(value);
  if (!result.success) throw new Problem('not-found');
  return result.data;
}

/** Reads an OPD id path parameter; an impossible one is a 404 too. */
export function parseOpdId(value: string | undefined): string {
  const result = OPD_ID.safeParse(value);
  if (!result.success) throw new Problem('not-found');
  return result.data;
}

/** Parses `If-Match: "3"` (also `W/"3"` or a bare `3`) into a version number. */
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
