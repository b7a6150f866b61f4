import { Problem } from './problems';

/** The ETag of a versioned entity: its version, quoted (clients send it back in `If-Match`). */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/**
 * Parses `If-Match: "3"` (also `W/"3"` or a bare `3`) into a version; a missing header is a 428 when required.
 */
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

/**
 * The 412 of a stale version: the caller's `If-Match` (or the version a write was conditioned on) is not the
 * current one. It carries the current version (body and ETag) so a form can show what changed; `null` when the
 * entity is gone.
 */
export function versionMismatch(currentVersion: number | undefined): Problem {
  return new Problem(
    'version-mismatch',
    {
      detail:
        currentVersion === undefined
          ? 'Data ini sudah tidak ada.'
          : `Data sudah berubah dan kini berada pada versi ${currentVersion}.`,
      currentVersion: currentVersion ?? null,
    },
    currentVersion === undefined ? {} : { etag: etagOf(currentVersion) },
  );
}

/** Throws the 412 when the caller names a version (`If-Match`) that is not the entity's. */
export function assertVersion(entity: { readonly version: number }, expected: number | undefined): void {
  if (expected !== undefined && expected !== entity.version) throw versionMismatch(entity.version);
}
