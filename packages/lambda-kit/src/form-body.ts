import { Problem } from '@inovda/kernel';

/** Bounds on what a form may describe: far above any real form, far below anything costly. */
const MAX_FIELDS = 1_000;
const MAX_DEPTH = 4;
const MAX_INDEX = 999;

/**
 * Turns a parsed `application/x-www-form-urlencoded` body (flat keys, repeated keys as arrays) into the nested
 * JSON shape the schemas expect, so plain HTML forms work: `contactPerson[name]=…`, `governmentAffairs[]=…`,
 * `milestones[0][title]=…`. Empty fields are dropped (an unfilled input means "not given"), and `true`/`false`
 * become booleans. Keys that could pollute prototypes are ignored. Indexed fields are collected in plain objects
 * and turned into dense arrays at the end, so an index like `[4294967294]` costs nothing; forms past the bounds
 * above are refused.
 */
export function formToObject(flat: Readonly<Record<string, string | string[] | undefined>>): Record<string, unknown> {
  const entries = Object.entries(flat);
  if (entries.length > MAX_FIELDS)
    throw new Problem('malformed-body', { detail: `Formulir berisi paling banyak ${MAX_FIELDS} isian.` });
  const root: Record<string, unknown> = {};
  for (const [key, raw] of entries) {
    if (raw === undefined) continue;
    const path = splitKey(key);
    if (!path || path.some((part) => FORBIDDEN.has(part))) continue;
    if (path.length > MAX_DEPTH || path.some((part) => /^\d+$/.test(part) && Number(part) > MAX_INDEX)) {
      throw new Problem('malformed-body', { detail: `Isian formulir ${key.slice(0, 100)} bersarang terlalu dalam.` });
    }
    const values = (Array.isArray(raw) ? raw : [raw]).filter((value) => value !== '').map(coerce);
    if (values.length === 0) continue;
    const isList = key.endsWith('[]') || values.length > 1;
    assign(root, path, isList ? values : values[0]);
  }
  // The body itself stays an object even when every field name is a number; only nested levels become arrays.
  return Object.fromEntries(Object.entries(root).map(([key, value]) => [key, densify(value)]));
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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function assign(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  for (const part of path.slice(0, -1)) {
    const existing = node[part];
    if (!isRecord(existing)) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[path[path.length - 1] as string] = value;
}

/** Objects whose keys are all indexes become arrays in index order (`milestones[3]` alone becomes one item). */
function densify(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(densify);
  if (!isRecord(value)) return value;
  const keys = Object.keys(value);
  if (keys.length > 0 && keys.every((key) => /^\d+$/.test(key))) {
    return keys.sort((a, b) => Number(a) - Number(b)).map((key) => densify(value[key]));
  }
  return Object.fromEntries(keys.map((key) => [key, densify(value[key])]));
}
