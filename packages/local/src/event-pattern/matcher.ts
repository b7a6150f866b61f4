/**
 * Event-pattern matching with Amazon EventBridge's semantics (Event Ruler, github.com/aws/event-ruler).
 *
 * The event is flattened into dot-joined field paths, each holding the leaf values found there; arrays are "crushed
 * out", so a field whose value is an array matches when any element does. A pattern branch matches when every field it
 * names has at least one value satisfying at least one of that field's conditions.
 */
import type {
  Branch,
  CompiledPattern,
  Condition,
  Exclusion,
  IpAddress,
  IpRange,
  NumericComparison,
  Scalar,
  WildcardSegments,
} from './compiled-pattern';
import { compileEventPattern } from './compiler';
import { parseIpAddress } from './ip-address';
import { isComparableNumber } from './numeric';

/** An event reduced to its leaf values, keyed by dot-joined field path ("detail.state"). */
export type FlatEvent = ReadonlyMap<string, readonly Scalar[]>;

/**
 * Whether `event` matches `pattern` as EventBridge's TestEventPattern decides; throws InvalidEventPatternError for a
 * pattern EventBridge rejects. Both arguments may be parsed JSON values or JSON text.
 */
export function testEventPattern(event: unknown, pattern: unknown): boolean {
  return matchesEventPattern(compileEventPattern(pattern), flattenEvent(event));
}

/** Whether a flattened event matches a pattern compiled once with compileEventPattern (for matching many events). */
export function matchesEventPattern(pattern: CompiledPattern, event: FlatEvent): boolean {
  return pattern.some((branch) => branchMatches(branch, event));
}

/** Flattens an event (a parsed JSON value or JSON text) into its leaf values by dot-joined path. */
export function flattenEvent(event: unknown): FlatEvent {
  const root = typeof event === 'string' ? parseEventJson(event) : event;
  const fields = new Map<string, Scalar[]>();
  // Only an object has named fields; any other event offers nothing for a pattern to match.
  if (!isObject(root)) return fields;
  for (const [path, value] of leaves(root, undefined)) {
    const values = fields.get(path);
    if (values === undefined) fields.set(path, [value]);
    else values.push(value);
  }
  return fields;
}

function parseEventJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new TypeError('Event is not valid JSON');
  }
}

function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isScalar(value: unknown): value is Scalar {
  return value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function* leaves(value: unknown, path: string | undefined): Generator<[string, Scalar]> {
  if (Array.isArray(value)) {
    // Array elements (and nested arrays) sit at their parent's path: no index appears in the field name.
    for (const item of value) yield* leaves(item, path);
  } else if (isObject(value)) {
    // Names are dot-joined exactly as in the pattern, so {"a.b": 1} and {"a": {"b": 1}} are the same field.
    for (const [key, child] of Object.entries(value)) yield* leaves(child, path === undefined ? key : `${path}.${key}`);
  } else if (path !== undefined && isScalar(value)) {
    yield [path, value];
  }
}

function branchMatches(branch: Branch, event: FlatEvent): boolean {
  for (const [path, conditions] of branch) {
    const values = event.get(path) ?? [];
    if (!conditions.some((condition) => conditionMatches(condition, values))) return false;
  }
  return true;
}

function conditionMatches(condition: Condition, values: readonly Scalar[]): boolean {
  // Exists looks only at leaves: a field holding an object or an empty array does not exist, one holding null does.
  const present = values.length > 0;
  if (condition.type === 'exists') return present === condition.exists;
  // Every other condition needs a value, so a missing field never matches (not even anything-but).
  return values.some((value) => valueMatches(condition, value));
}

function valueMatches(condition: Exclude<Condition, { type: 'exists' }>, value: Scalar): boolean {
  switch (condition.type) {
    case 'equals':
      return equalsMatches(condition.value, condition.ip, value);
    case 'prefix':
      return typeof value === 'string' && affixMatches('prefix', condition.value, value, condition.ignoreCase);
    case 'suffix':
      return typeof value === 'string' && affixMatches('suffix', condition.value, value, condition.ignoreCase);
    case 'equals-ignore-case':
      return typeof value === 'string' && foldCase(value) === foldCase(condition.value);
    case 'wildcard':
      return typeof value === 'string' && wildcardMatches(condition.segments, value);
    case 'numeric':
      return typeof value === 'number' && numericMatches(condition.comparisons, value);
    case 'cidr':
      return typeof value === 'string' && inRange(parseIpAddress(value), condition.range);
    case 'anything-but':
      return !excludes(condition.exclude, value);
  }
}

function equalsMatches(expected: Scalar, expectedIp: IpAddress | undefined, value: Scalar): boolean {
  // Types never mix: "300" does not equal 300, nor "" null. Equal numbers match however they are written (300, 3.0e2).
  if (value === expected) return true;
  // Event Ruler turns an IP-address literal in a pattern into a one-address range, so "2001:db8::1" also matches
  // "2001:0db8:0:0:0:0:0:1".
  if (expectedIp === undefined || typeof value !== 'string') return false;
  const ip = parseIpAddress(value);
  return ip !== undefined && ip.version === expectedIp.version && ip.value === expectedIp.value;
}

function foldCase(text: string): string {
  return text.toLowerCase();
}

function affixMatches(kind: 'prefix' | 'suffix', affix: string, value: string, ignoreCase: boolean): boolean {
  const [subject, wanted] = ignoreCase ? [foldCase(value), foldCase(affix)] : [value, affix];
  return kind === 'prefix' ? subject.startsWith(wanted) : subject.endsWith(wanted);
}

/** Whether `text` matches a wildcard pattern in full, `*` standing for any run of characters (including none). */
export function wildcardMatches(segments: WildcardSegments, text: string): boolean {
  const [first = '', ...rest] = segments;
  const last = rest.pop();
  if (last === undefined) return text === first;
  if (text.length < first.length + last.length || !text.startsWith(first) || !text.endsWith(last)) return false;
  // Placing each middle literal at its earliest possible position never rules out a match, so greedy is exact.
  const end = text.length - last.length;
  let position = first.length;
  for (const literal of rest) {
    const found = text.indexOf(literal, position);
    if (found === -1 || found + literal.length > end) return false;
    position = found + literal.length;
  }
  return true;
}

function numericMatches(comparisons: readonly NumericComparison[], value: number): boolean {
  // Event Ruler compares numbers as fixed-point values in ±5e9 with 6 decimals; others never match numerically.
  return isComparableNumber(value) && comparisons.every((comparison) => compare(value, comparison));
}

function compare(value: number, { op, value: bound }: NumericComparison): boolean {
  switch (op) {
    case '<':
      return value < bound;
    case '<=':
      return value <= bound;
    case '=':
      return value === bound;
    case '>':
      return value > bound;
    case '>=':
      return value >= bound;
  }
}

function inRange(ip: IpAddress | undefined, range: IpRange): boolean {
  return ip !== undefined && ip.version === range.version && ip.value >= range.low && ip.value <= range.high;
}

function excludes(exclusion: Exclusion, value: Scalar): boolean {
  // Anything-but matches any present value outside the exclusion, whatever its type: null, booleans and numbers pass
  // a string exclusion (AWS-validated: {"anything-but": {"prefix": "init"}} matches 12 and null).
  switch (exclusion.type) {
    case 'values':
      return exclusion.values.some((excluded) => excluded === value);
    case 'prefix':
    case 'suffix': {
      const kind = exclusion.type;
      return typeof value === 'string' && exclusion.values.some((affix) => affixMatches(kind, affix, value, false));
    }
    case 'equals-ignore-case':
      return typeof value === 'string' && exclusion.values.some((excluded) => foldCase(excluded) === foldCase(value));
    case 'wildcard':
      return typeof value === 'string' && exclusion.patterns.some((segments) => wildcardMatches(segments, value));
  }
}
