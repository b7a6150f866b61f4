import * as z from 'zod/mini';

/** Page sizes: a default that suits a form's table, and a hard cap so a page is always a bounded Query. */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

// Schemas built with a method call (`.check()`) are wrapped in calls marked pure, so a function that never lists
// bundles none of them (see innovation-profile.ts).

/** `?limit=`: 1 to MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE when absent. */
export const pageLimit = /* @__PURE__ */ (() =>
  z._default(z.pipe(z.coerce.number(), z.int().check(z.minimum(1), z.maximum(MAX_PAGE_SIZE))), DEFAULT_PAGE_SIZE))();

/** `?cursor=`: opaque, bounded (the store checks it belongs to the list asked for). */
export const pageCursor = /* @__PURE__ */ (() => z.string().check(z.minLength(1), z.maxLength(2_048)))();

/** The query of a plain list: `?limit=&cursor=` and nothing else. */
export const pageQuery = /* @__PURE__ */ (() => z.strictObject({ limit: pageLimit, cursor: z.optional(pageCursor) }))();

/** Ids the services mint are ULIDs; anything else cannot exist. */
export const ulidId = /* @__PURE__ */ (() =>
  z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'harus berupa id: 26 huruf besar dan angka')))();

/** A page of a list as every list route answers it. */
/* @__NO_SIDE_EFFECTS__ */
export function pageOf<Item extends z.ZodMiniType>(item: Item) {
  return z.strictObject({ items: z.array(item), nextCursor: z.nullable(z.string()) });
}

/** `Idempotency-Key` header of a create that takes one (safe retries): printable, bounded. */
export const idempotencyKeyHeader = /* @__PURE__ */ (() =>
  z
    .string()
    .check(z.regex(/^[A-Za-z0-9._:-]{1,128}$/, 'Idempotency-Key harus 1–128 karakter A–Z, a–z, 0–9, . _ : -')))();
