import {
  PROFILE_FIELD_NAMES,
  type Profile,
  type ProfileFieldName,
  type UpdateInnovationInput,
} from '@inovda/contracts';
import { Problem } from '@inovda/kernel';

// The bodies of create and update (`createInnovationInput`, `updateInnovationInput`) are the API contracts' schemas
// (@inovda/contracts), so a browser validates with the very schemas the API uses; what is not a schema stays here.

/**
 * The largest profile, as UTF-8 JSON, an innovation may hold. Field limits alone would let patches add up past
 * what one DynamoDB item (400 KB) and one EventBridge entry (256 KB, the profile travels in
 * InnovationProfileUpdated) can carry; this keeps every write and every event of the profile within both.
 */
export const PROFILE_BUDGET_BYTES = 160 * 1024;

/** Throws a 422 problem when a profile is past its size budget. */
export function assertProfileWithinBudget(profile: Profile): void {
  const bytes = Buffer.byteLength(JSON.stringify(profile), 'utf8');
  if (bytes > PROFILE_BUDGET_BYTES) {
    throw new Problem('profile-too-large', {
      detail: `Profil akan berukuran ${bytes} bita; batasnya ${PROFILE_BUDGET_BYTES} bita.`,
      limitBytes: PROFILE_BUDGET_BYTES,
    });
  }
}

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

/** Structural equality of JSON values (profile values are plain JSON), whatever the order of object keys. */
function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, item]) => [key, canonical(item)]),
  );
}

/** Picks the profile fields out of a larger object (an innovation record). */
export function profileOf(source: Partial<Record<ProfileFieldName, unknown>>): Profile {
  const profile: Record<string, unknown> = {};
  for (const field of PROFILE_FIELD_NAMES) {
    if (source[field] !== undefined) profile[field] = source[field];
  }
  return profile as Profile;
}
