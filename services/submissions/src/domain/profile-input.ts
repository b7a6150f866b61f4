import {
  mapOptionalFields,
  PROFILE_FIELD_NAMES,
  type Profile,
  type ProfileFieldName,
  profileFields,
  profileSchema,
} from '@inovda/contracts';
import * as z from 'zod/mini';

/** The body of `POST /innovations`: a draft needs only its name and owner OPD; unknown fields are refused. */
export const createInnovationInput = profileSchema;
export type CreateInnovationInput = z.infer<typeof createInnovationInput>;

type OptionalFields = Omit<typeof profileFields, 'name' | 'opdId'>;

/**
 * The body of `PATCH /innovations/{id}` (JSON merge patch, RFC 7396 style): a field present is set, a field
 * set to `null` is cleared, absent fields are untouched. The owner OPD cannot change; the name cannot be cleared.
 */
export const updateInnovationInput = z
  .strictObject({
    name: z.optional(profileFields.name),
    ...mapOptionalFields<{ [K in keyof OptionalFields]: z.ZodMiniOptional<z.ZodMiniNullable<OptionalFields[K]>> }>(
      (schema) => z.optional(z.nullable(schema)),
    ),
  })
  .check(z.refine((patch) => Object.keys(patch).length > 0, 'tidak ada yang diubah: kirim sedikitnya satu isian'));
export type UpdateInnovationInput = z.infer<typeof updateInnovationInput>;

/** Applies a merge patch to a profile; returns the new profile and the names of the fields that really changed. */
export function applyProfilePatch(
  current: Profile,
  patch: UpdateInnovationInput,
): { profile: Profile; changedFields: ProfileFieldName[] } {
  const next: Record<string, unknown> = { ...current };
  const changedFields: ProfileFieldName[] = [];
  for (const field of PROFILE_FIELD_NAMES) {
    if (!(field in patch)) continue;
    const value = (patch as Record<string, unknown>)[field];
    if (value === undefined) continue;
    if (sameValue(current[field], value === null ? undefined : value)) continue;
    if (value === null) delete next[field];
    else next[field] = value;
    changedFields.push(field);
  }
  return { profile: next as Profile, changedFields };
}

/** Structural equality of JSON values (profile values are plain JSON). */
function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Picks the profile fields out of a larger object (an innovation record). */
export function profileOf(source: Partial<Record<ProfileFieldName, unknown>>): Profile {
  const profile: Record<string, unknown> = {};
  for (const field of PROFILE_FIELD_NAMES) {
    if (source[field] !== undefined) profile[field] = source[field];
  }
  return profile as Profile;
}
