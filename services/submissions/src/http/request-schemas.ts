import { INNOVATION_STATUSES, OPD_ID } from '@inovda/contracts';
import { Problem } from '@inovda/lambda-kit';
import * as z from 'zod';

/** Page sizes: a default that suits a form's table, and a hard cap so a page is always a bounded Query. */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

const limit = z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE);
const cursor = z.string().min(1).max(2_048);

/** Query of `GET /innovations`. */
export const listInnovationsQuery = z.strictObject({
  opdId: OPD_ID.optional(),
  status: z.enum(INNOVATION_STATUSES).optional(),
  limit,
  cursor: cursor.optional(),
});

/** Query of `GET /innovations/{id}/versions`. */
export const listVersionsQuery = z.strictObject({ limit, cursor: cursor.optional() });

/** Innovation ids are ULIDs; anything else cannot exist, so it is a 404 without a read. */
export const innovationId = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/);

/** Body of register and withdraw (both optional). */
export const statusChangeBody = z.strictObject({ reason: z.string().trim().min(1).max(2_000).optional() });

/** `Idempotency-Key` header: printable, bounded. */
export const idempotencyKeyHeader = z
  .string()
  .regex(/^[A-Za-z0-9._:-]{1,128}$/, 'Idempotency-Key must be 1–128 characters of A–Z, a–z, 0–9, . _ : -');

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
