/**
 * Turns a parsed `application/x-www-form-urlencoded` body (flat keys, repeated keys as arrays) into the nested
 * JSON shape the schemas expect, so plain HTML forms work: `contactPerson[name]=…`, `governmentAffairs[]=…`,
 * `milestones[0][title]=…`. Empty fields are dropped (an unfilled input means "not given"), and `true`/`false`
 * become booleans. Keys that could pollute prototypes are ignored.
 */
export function formToObject(flat: Readonly<Record<string, string | string[] | undefined>>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(flat)) {
    if (raw === undefined) continue;
    const path = splitKey(key);
    if (!path || path.some((part) => FORBIDDEN.has(part))) continue;
    const values = (Array.isArray(raw) ? raw : [raw]).filter((value) => value !== '').map(coerce);
    if (values.length === 0) continue;
    const isList = key.endsWith('[]') || values.length > 1;
    assign(root, path, isList ? values : values[0]);
  }
  compactArrays(root);
  return root;
}

const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor']);

function coerce(value: string): unknown {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return value;
}

/** `a[b][0][]` → ['a', 'b', '0']; undefined for malformed keys. */
function splitKey(key: string): string[] | undefined {
  const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
  if (!match?.[1]) return undefined;
  const rest = [...(match[2] ?? '').matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1] ?? '');
  if (rest.length > 0 && rest[rest.length - 1] === '') rest.pop();
  if (rest.includes('')) return undefined;
  return [match[1], ...rest];
}

function assign(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node: Record<string, unknown> | unknown[] = target;
  path.forEach((part, index) => {
    const last = index === path.length - 1;
    const nextIsIndex = /^\d+$/.test(path[index + 1] ?? '');
    const container = node as Record<string, unknown>;
    if (last) {
      container[part] = value;
      return;
    }
    const existing = container[part];
    if (typeof existing !== 'object' || existing === null) container[part] = nextIsIndex ? [] : {};
    node = container[part] as Record<string, unknown> | unknown[];
  });
}

/** Sparse arrays from `milestones[3]` without `[0..2]` become dense, so the schema sees real items. */
function compactArrays(value: unknown): void {
  if (Array.isArray(value)) {
    const dense = value.filter((item) => item !== undefined);
    value.length = 0;
    value.push(...dense);
    for (const item of value) compactArrays(item);
  } else if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) compactArrays(child);
  }
}
