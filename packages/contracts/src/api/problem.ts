import * as z from 'zod/mini';

/** One field-level validation failure: a JSON-pointer-like path, a stable code and an Indonesian message. */
export const fieldErrorSchema = z.strictObject({ path: z.string(), code: z.string(), message: z.string() });

/**
 * The `application/problem+json` body (RFC 9457) every route answers a failure with. `code` is stable (the
 * catalogue is the kernel's `PROBLEMS`) and is the last segment of `type`; `title` and `detail` are Indonesian.
 * Problems carry extension members (`currentVersion`, `missing`, `limitBytes`, …), so unknown members are kept.
 */
export const problemSchema = z
  .looseObject({
    type: z.url(),
    code: z.string().check(z.regex(/^[a-z]+(-[a-z]+)*$/)),
    title: z.string().check(z.minLength(1)),
    status: z.int().check(z.minimum(400), z.maximum(599)),
    instance: z.optional(z.string()),
    detail: z.optional(z.string()),
    errors: z.optional(z.array(fieldErrorSchema)),
  })
  .check(z.refine((problem) => problem.type.endsWith(`/${problem.code}`), 'kode harus sama dengan akhir type'));
export type ProblemBody = z.infer<typeof problemSchema>;
