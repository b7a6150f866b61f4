import { INNOVATION_STATUSES, OPD_ID, text } from '@inovda/contracts';
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

/** Query of `GET /innovations`. */
export const listInnovationsQuery = z.strictObject({
  opdId: z.optional(OPD_ID),
  status: z.optional(z.enum(INNOVATION_STATUSES)),
  limit,
  cursor: z.optional(cursor),
});

/** Query of `GET /innovations/{id}/versions`. */
export const listVersionsQuery = z.strictObject({ limit, cursor: z.optional(cursor) });

/** Innovation ids are ULIDs; anything else cannot exist, so it is a 404 without a read. */
export const innovationId = z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/));

/** Body of register (optional): the cycle to register into; without one, the only open cycle. */
export const registerBody = z.strictObject({ cycleId: z.optional(z.string().check(z.regex(/^[0-9A-Za-z-]{1,64}$/))) });

/** Body of withdraw (optional): why. */
export const withdrawBody = z.strictObject({ reason: z.optional(text(2_000)) });

/** `Idempotency-Key` header: printable, bounded. */
export const idempotencyKeyHeader = z
  .string()
  .check(z.regex(/^[A-Za-z0-9._:-]{1,128}$/, 'Idempotency-Key harus 1–128 karakter A–Z, a–z, 0–9, . _ : -'));

/** Reads the id path parameter; an impossible id is a 404 (nothing to find), not a validation error. */
export function parseInnovationId(value: string | undefined): string {
  const result = innovationId.safeParse(value);
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
      errors: [{ path: '/headers/if-match', code: 'invalid_format', message: 'If-Match must be a version: "3"' }],
    });
  }
  return Number(match[1]);
}
