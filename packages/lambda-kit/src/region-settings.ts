import { readFileSync } from 'node:fs';
import { requiredEnv } from '@inovda/kernel';
import { ENV } from '@inovda/manifest';
import * as z from 'zod/mini';

let loaded: Readonly<Record<string, unknown>> | undefined;

/** The function's region settings file, read once per cold start (see `regionSettings` in the manifest). */
function settingsFile(): Readonly<Record<string, unknown>> {
  if (loaded) return loaded;
  const path = requiredEnv(ENV.regionSettingsFile);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`region settings file ${path} cannot be read: ${String(error)}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`region settings file ${path} does not hold an object`);
  }
  loaded = parsed as Record<string, unknown>;
  return loaded;
}

/**
 * One region setting the function's manifest entry names, checked against `schema` at cold start: a missing or
 * malformed setting fails the init with a readable message, never a request.
 */
export function regionSetting<Schema extends z.ZodMiniType>(name: string, schema: Schema): z.output<Schema> {
  const settings = settingsFile();
  if (!Object.hasOwn(settings, name)) {
    throw new Error(`region setting '${name}' is not in this function's settings (name it in the manifest)`);
  }
  const result = schema.safeParse(settings[name]);
  if (!result.success) {
    const issues = result.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.code}`)
      .join('; ');
    throw new Error(`region setting '${name}' is invalid: ${issues}`);
  }
  return result.data;
}

/** Forgets the settings read so far (tests load handlers of several functions in one process). */
export function forgetRegionSettings(): void {
  loaded = undefined;
}

/** The region's OPDs as every region config lists them (the platform-wide setting `opds`). */
const opdsSetting = /* @__PURE__ */ (() => z.array(z.object({ id: z.string().check(z.minLength(1)) })))();

/** The region's OPDs with their names, as every region config lists them. */
const opdNamesSetting = /* @__PURE__ */ (() =>
  z.array(z.object({ id: z.string().check(z.minLength(1)), name: z.string().check(z.minLength(1)) })))();

/** The names of the region's OPDs by id, from the function's `opds` region setting (what the public reads show). */
export function regionOpdNames(): ReadonlyMap<string, string> {
  return new Map(regionSetting('opds', opdNamesSetting).map((opd) => [opd.id, opd.name]));
}

/** The ids of the region's OPDs, from the function's `opds` region setting. */
export function regionOpdIds(): ReadonlySet<string> {
  return new Set(regionSetting('opds', opdsSetting).map((opd) => opd.id));
}

/** The id of the region the function serves (`INOVDA_REGION_ID`): events carry it. */
export function regionIdFromEnv(): string {
  return requiredEnv(ENV.regionId);
}

/** The region's user pool id, which the stack sets only for a function with a `user-directory` grant. */
export function userPoolIdFromEnv(): string {
  return requiredEnv(ENV.userPoolId);
}
