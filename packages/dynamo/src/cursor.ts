/**
 * Opaque pagination cursors: DynamoDB's LastEvaluatedKey as base64url JSON. A decoded cursor is only accepted
 * when it belongs to the partition being queried, so a cursor cannot be used to read another partition (and a
 * forged one becomes a 400, never a DynamoDB ValidationException surfacing as a 500).
 */

type Key = Record<string, string | number>;

/** Encodes a LastEvaluatedKey; null when there is no next page. */
export function encodeCursor(key: Record<string, unknown> | undefined): string | null {
  if (!key) return null;
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/**
 * Decodes a cursor and checks it holds exactly the expected attributes, with `partition` values matching the
 * query. Returns undefined for an invalid cursor.
 */
export function decodeCursor(
  cursor: string,
  expected: { attributes: readonly string[]; partition: Readonly<Record<string, string>> },
): Key | undefined {
  if (cursor.length > 2_048 || !/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const entries = Object.entries(parsed);
  const names = entries.map(([name]) => name).sort();
  if (names.join('\u0000') !== [...expected.attributes].sort().join('\u0000')) return undefined;
  if (!entries.every(([, value]) => typeof value === 'string' && value.length > 0 && value.length <= 1_024)) {
    return undefined;
  }
  const key = parsed as Key;
  for (const [name, value] of Object.entries(expected.partition)) {
    if (key[name] !== value) return undefined;
  }
  return key;
}
