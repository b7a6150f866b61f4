import * as z from 'zod/mini';
import { mapOptionalFields, profileFields, profileSchema } from '../../innovation-profile';

/** The body of `POST /innovations`: a draft needs only its name and owner OPD; unknown fields are refused. */
export const createInnovationInput = profileSchema;
export type CreateInnovationInput = z.infer<typeof createInnovationInput>;

type OptionalFields = Omit<typeof profileFields, 'name' | 'opdId'>;

/**
 * The body of `PATCH /innovations/{id}`: a merge patch at the top level (RFC 7396 style, one level deep): a field
 * present replaces the whole field (a nested object such as `contactPerson` is replaced, not merged), a field set
 * to `null` is cleared, absent fields are untouched. The owner OPD cannot change; the name cannot be cleared.
 */
export const updateInnovationInput = /* @__PURE__ */ (() =>
  z
    .strictObject({
      name: z.optional(profileFields.name),
      ...mapOptionalFields<{ [K in keyof OptionalFields]: z.ZodMiniOptional<z.ZodMiniNullable<OptionalFields[K]>> }>(
        (schema) => z.optional(z.nullable(schema)),
      ),
    })
    .check(z.refine((patch) => Object.keys(patch).length > 0, 'tidak ada yang diubah: kirim sedikitnya satu isian')))();
export type UpdateInnovationInput = z.infer<typeof updateInnovationInput>;
