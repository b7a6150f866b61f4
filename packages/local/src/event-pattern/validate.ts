/**
 * Event-pattern validation: turns an EventBridge event pattern into a list of match branches, rejecting exactly the
 * patterns that Amazon EventBridge rejects with InvalidEventPatternException.
 *
 * EventBridge evaluates patterns with AWS's open-source Event Ruler library (github.com/aws/event-ruler); the rules
 * below follow its JsonRuleCompiler, CIDR, ComparableNumber and WildcardParser classes, cross-checked against the AWS
 * docs ("Content filtering in Amazon EventBridge event patterns") and LocalStack's AWS-validated pattern tests.
 */

/** Thrown for an event pattern that Amazon EventBridge would reject with InvalidEventPatternException. */
export class InvalidEventPatternError extends Error {
  override readonly name = 'InvalidEventPatternError';
  /** The reason alone, without AWS's "Event pattern is not valid." preamble. */
  readonly reason: string;

  constructor(reason: string) {
    super(`Event pattern is not valid. Reason: ${reason}`);
    this.reason = reason;
  }
}

/** A JSON leaf value of an event: what every matcher compares against. */
export type Scalar = string | number | boolean | null;

/** An IP address as a number, so that CIDR ranges and differently-written addresses compare by value. */
export interface IpAddress {
  readonly version: 4 | 6;
  readonly value: bigint;
}

/** The inclusive address range a CIDR block covers. */
export interface IpRange {
  readonly version: 4 | 6;
  readonly low: bigint;
  readonly high: bigint;
}

/** One side of a `numeric` filter, e.g. `[">", 0]`. */
export interface NumericComparison {
  readonly op: NumericOperator;
  readonly value: number;
}

/** The comparison operators a `numeric` filter accepts. */
export type NumericOperator = '<' | '<=' | '=' | '>' | '>=';

/** What an `anything-but` filter excludes. */
export type Exclusion =
  | { readonly type: 'values'; readonly values: readonly (string | number)[] }
  | {
      readonly type: 'prefix' | 'suffix' | 'equals-ignore-case';
      readonly values: readonly string[];
    }
  | {
      readonly type: 'wildcard';
      readonly patterns: readonly WildcardSegments[];
    };

/** A wildcard pattern as the literal text between its unescaped `*` characters ("a*b" is ["a", "b"]). */
export type WildcardSegments = readonly string[];

/** One entry of a field's value array in a pattern, after validation. */
export type Condition =
  | {
      readonly type: 'equals';
      readonly value: Scalar;
      readonly ip: IpAddress | undefined;
    }
  | { readonly type: 'exists'; readonly exists: boolean }
  | {
      readonly type: 'prefix' | 'suffix';
      readonly value: string;
      readonly ignoreCase: boolean;
    }
  | { readonly type: 'equals-ignore-case'; readonly value: string }
  | { readonly type: 'wildcard'; readonly segments: WildcardSegments }
  | {
      readonly type: 'numeric';
      readonly comparisons: readonly NumericComparison[];
    }
  | { readonly type: 'cidr'; readonly range: IpRange }
  | { readonly type: 'anything-but'; readonly exclude: Exclusion };

/** One way for an event to match: every flattened field path must satisfy one of its conditions. */
export type Branch = ReadonlyMap<string, readonly Condition[]>;

/** A validated pattern: it matches an event when any branch does (branches come from `$or`). */
export type CompiledPattern = readonly Branch[];

type JsonObject = Readonly<Record<string, unknown>>;

// Event Ruler stores numbers as fixed-point with 6 decimals in [-5e9, 5e9] (ComparableNumber); AWS documents the same
// limit for numeric matching, and rejects numeric/anything-but operands outside it.
const NUMBER_LIMIT = 5e9;
const MAX_DECIMALS = 6;

// Event Ruler's MachineComplexityEvaluator counts how many wildcard-pattern prefixes one input can match at once.
// AWS does not publish EventBridge's cap. Observed: "/Users/*/dir/dir/dir/dir/dir/doc.txt" (7) is accepted,
// "*:*:*:*:*:event-bus/*" (10) is rejected (LocalStack's AWS-validated tests), and three "*:stack/<name>/*" values (9)
// are accepted while four (12) are rejected (a real deployment failing with "Rule is too complex"). 9 fits all of them.
const MAX_WILDCARD_COMPLEXITY = 9;

// Event Ruler refuses these as field names inside `$or` (Constants.RESERVED_FIELD_NAMES_IN_OR_RELATIONSHIP).
const RESERVED_IN_OR = new Set([
  'exactly',
  'equals-ignore-case',
  'prefix',
  'suffix',
  'anything-but',
  'exists',
  'wildcard',
  'numeric',
  'cidr',
  '=',
  '<',
  '<=',
  '>',
  '>=',
  'regex',
  'not-wildcard',
  'not-equals-ignore-case',
  'date-after',
  'date-on-or-after',
  'date-before',
  'date-on-or-before',
  'in-date-range',
  'ip-address-in-range',
  'ip-address-not-in-range',
]);

const NUMERIC_OPERATORS: ReadonlySet<string> = new Set(['<', '<=', '=', '>', '>=']);

/** Validates a pattern (a parsed JSON value or JSON text) and returns its match branches; throws InvalidEventPatternError. */
export function compileEventPattern(pattern: unknown): CompiledPattern {
  const root = typeof pattern === 'string' ? parsePatternJson(pattern) : pattern;
  if (!isJsonObject(root)) fail('Filter is not an object');
  const branches = compileObject([new Map()], undefined, root, false);
  assertWildcardComplexity(branches);
  return branches;
}

/** Throws InvalidEventPatternError if Amazon EventBridge would reject the pattern (a parsed JSON value or JSON text). */
export function validateEventPattern(pattern: unknown): void {
  compileEventPattern(pattern);
}

/** Whether Event Ruler can compare this number numerically: within ±5e9 and at most 6 decimal places. */
export function isComparableNumber(value: number): boolean {
  return Number.isFinite(value) && Math.abs(value) <= NUMBER_LIMIT && decimalPlaces(value) <= MAX_DECIMALS;
}

/**
 * Parses an IPv4 or IPv6 literal the way Event Ruler's CIDR class does (java.net.InetAddress behind a shape regex), or
 * returns undefined when the text is not an IP address.
 */
export function parseIpAddress(text: string): IpAddress | undefined {
  if (/^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/.test(text)) return parseIpv4(text);
  if (/^[0-9a-fA-F:]*:[0-9a-fA-F:]*$/.test(text)) return parseIpv6(text);
  return undefined;
}

function fail(reason: string): never {
  throw new InvalidEventPatternError(reason);
}

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parsePatternJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return fail('Filter is not valid JSON');
  }
}

function display(value: unknown): string {
  return value === undefined ? ']' : JSON.stringify(value);
}

function joinPath(parent: string | undefined, key: string): string {
  // Event Ruler joins nested field names with "." on both sides, so {"a": {"b": …}} and {"a.b": …} are the same field.
  return parent === undefined ? key : `${parent}.${key}`;
}

function withField(branches: readonly Branch[], path: string, conditions: readonly Condition[]): Branch[] {
  // A later occurrence of the same path replaces an earlier one, as AWS documents for repeated keys.
  return branches.map((branch) => new Map(branch).set(path, conditions));
}

function compileObject(
  branches: readonly Branch[],
  path: string | undefined,
  object: JsonObject,
  insideOr: boolean,
): Branch[] {
  const entries = Object.entries(object);
  if (entries.length === 0) fail('Empty objects are not allowed');
  return entries.reduce<Branch[]>(
    (current, [key, value]) => compileEntry(current, path, key, value, insideOr),
    [...branches],
  );
}

function compileEntry(
  branches: Branch[],
  path: string | undefined,
  key: string,
  value: unknown,
  insideOr: boolean,
): Branch[] {
  if (key === '$or') return compileOr(branches, path, value);
  if (insideOr && RESERVED_IN_OR.has(key)) fail(`${key} is Ruler reserved fieldName which cannot be used inside $or.`);
  if (Array.isArray(value)) return withField(branches, joinPath(path, key), compileValueList(value));
  if (isJsonObject(value)) return compileObject(branches, joinPath(path, key), value, insideOr);
  return fail(`"${key}" must be an object or an array`);
}

function compileOr(branches: readonly Branch[], path: string | undefined, value: unknown): Branch[] {
  if (!Array.isArray(value)) fail('It must be an Array followed with $or.');
  const alternatives: readonly unknown[] = value;
  const forks = alternatives.flatMap((alternative) => {
    if (!isJsonObject(alternative)) fail('Only JSON object is allowed in array of $or relationship.');
    return compileObject(branches, path, alternative, true);
  });
  if (alternatives.length < 2) fail('There must have at least 2 Objects in $or relationship.');
  return forks;
}

function compileValueList(values: readonly unknown[]): Condition[] {
  if (values.length === 0) fail('Empty arrays are not allowed');
  return values.map(compileValue);
}

function compileValue(value: unknown): Condition {
  if (typeof value === 'string') return { type: 'equals', value, ip: parseIpAddress(value) };
  if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean' || value === null) {
    return { type: 'equals', value, ip: undefined };
  }
  if (isJsonObject(value)) return compileMatchExpression(value);
  return fail('Match value must be String, number, true, false, or null');
}

function compileMatchExpression(expression: JsonObject): Condition {
  const entries = Object.entries(expression);
  const first = entries[0];
  if (first === undefined) fail('Match expression name not found');
  const [operator, operand] = first;
  const condition = compileOperator(operator, operand);
  if (entries.length > 1) fail('Only one key allowed in match expression');
  return condition;
}

function compileOperator(operator: string, operand: unknown): Condition {
  // Operator names are case-sensitive: {"EXISTS": true} is rejected, like any name AWS does not document.
  switch (operator) {
    case 'prefix':
    case 'suffix':
      return compileAffix(operator, operand);
    case 'equals-ignore-case':
      return {
        type: 'equals-ignore-case',
        value: requireString(operand, 'equals-ignore-case'),
      };
    case 'wildcard':
      return {
        type: 'wildcard',
        segments: parseWildcard(requireString(operand, 'wildcard')),
      };
    case 'numeric':
      return { type: 'numeric', comparisons: compileNumeric(operand) };
    case 'exists':
      if (typeof operand !== 'boolean') fail('exists match pattern must be either true or false.');
      return { type: 'exists', exists: operand };
    case 'cidr':
      // Event Ruler reuses the prefix message for a non-string CIDR.
      return {
        type: 'cidr',
        range: parseCidr(requireString(operand, 'prefix')),
      };
    case 'anything-but':
      return { type: 'anything-but', exclude: compileAnythingBut(operand) };
    default:
      return fail(`Unrecognized match type ${operator}`);
  }
}

function requireString(operand: unknown, operator: string): string {
  if (typeof operand !== 'string') fail(`${operator} match pattern must be a string`);
  return operand;
}

function compileAffix(operator: 'prefix' | 'suffix', operand: unknown): Condition {
  // {"prefix": {"equals-ignore-case": "…"}} is the only object form; lists are rejected.
  if (!isJsonObject(operand))
    return {
      type: operator,
      value: requireString(operand, operator),
      ignoreCase: false,
    };
  const entries = Object.entries(operand);
  const first = entries[0];
  const label = operator === 'prefix' ? 'Prefix' : 'Suffix';
  if (first === undefined) fail(`${label} expression name not found`);
  if (first[0] !== 'equals-ignore-case') fail(`Unsupported ${operator} pattern: ${first[0]}`);
  const value = requireString(first[1], 'equals-ignore-case');
  if (entries.length > 1) fail('Only one key allowed in match expression');
  return { type: operator, value, ignoreCase: true };
}

function compileNumeric(operand: unknown): NumericComparison[] {
  if (!Array.isArray(operand)) fail('Value of numeric must be an array.');
  const terms: readonly unknown[] = operand;
  const [operator, value, upperOperator, upperValue] = terms;
  if (typeof operator !== 'string') fail(`Invalid member in numeric match: ${display(operator)}`);
  if (!NUMERIC_OPERATORS.has(operator)) fail(`Unrecognized numeric range operator: ${operator}`);
  const lower = numericComparison(operator, value);
  if (terms.length <= 2) return [lower];
  // Only a lower bound (">" or ">=") may be followed by an upper bound ("<" or "<="); "=" stands alone.
  if (operator !== '>' && operator !== '>=') fail('Too many elements in numeric expression');
  if (typeof upperOperator !== 'string') fail(`Bad value in numeric range: ${display(upperOperator)}`);
  if (upperOperator !== '<' && upperOperator !== '<=') fail(`Bad numeric range operator: ${upperOperator}`);
  const upper = numericComparison(upperOperator, upperValue);
  if (terms.length > 4) fail('Too many terms in numeric range expression');
  if (lower.value >= upper.value) fail('Bottom must be less than top');
  return [lower, upper];
}

function numericComparison(operator: string, value: unknown): NumericComparison {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    fail(`Value of ${operator === '=' ? 'equals' : operator} must be numeric`);
  }
  return { op: operator as NumericOperator, value: comparableOperand(value) };
}

function comparableOperand(value: number): number {
  if (Math.abs(value) > NUMBER_LIMIT) fail('Value must be between -5.0E9 and 5.0E9, inclusive');
  if (decimalPlaces(value) > MAX_DECIMALS) fail('Only values upto 6 decimals are supported');
  return value;
}

function decimalPlaces(value: number): number {
  // Number#toString gives the shortest round-tripping form, which is what the JSON text of the value says.
  const [mantissa = '', exponent = '0'] = Math.abs(value).toString().split('e');
  const fraction = (mantissa.split('.')[1] ?? '').replace(/0+$/, '');
  return Math.max(0, fraction.length - Number(exponent));
}

function compileAnythingBut(operand: unknown): Exclusion {
  if (isJsonObject(operand)) return compileAnythingButObject(operand);
  if (Array.isArray(operand)) return compileAnythingButList(operand);
  if (typeof operand === 'string') return { type: 'values', values: [operand] };
  if (typeof operand === 'number' && Number.isFinite(operand)) {
    return { type: 'values', values: [comparableOperand(operand)] };
  }
  // null and booleans cannot be excluded, alone or in a list (AWS-validated: {"anything-but": null} is rejected).
  return fail('Value of anything-but must be an array or single string/number value.');
}

function compileAnythingButList(values: readonly unknown[]): Exclusion {
  if (!values.every((value) => typeof value === 'string' || typeof value === 'number')) {
    fail('Inside anything but list, start|null|boolean is not supported.');
  }
  const strings = values.filter((value): value is string => typeof value === 'string');
  const numbers = values.filter((value): value is number => typeof value === 'number');
  // A list holds only strings or only numbers, and at least one of them.
  const hasStrings = strings.length > 0;
  const hasNumbers = numbers.length > 0;
  if (hasStrings === hasNumbers) {
    fail('Inside anything but list, either all values are number or string, mixed type is not supported');
  }
  return {
    type: 'values',
    values: hasStrings ? strings : numbers.map(comparableOperand),
  };
}

function compileAnythingButObject(operand: JsonObject): Exclusion {
  const entries = Object.entries(operand);
  const first = entries[0];
  if (first === undefined) fail('Anything-But expression name not found');
  const [operator, value] = first;
  if (operator !== 'prefix' && operator !== 'suffix' && operator !== 'equals-ignore-case' && operator !== 'wildcard') {
    fail(`Unsupported anything-but pattern: ${operator}`);
  }
  const strings = anythingButStrings(operator, value);
  // Event Ruler reports a second key here with its numeric-expression message.
  if (entries.length > 1) fail('Too many elements in numeric expression');
  if (operator === 'wildcard') return { type: 'wildcard', patterns: strings.map(parseWildcard) };
  if (operator !== 'equals-ignore-case' && strings.includes('')) fail('Null prefix/suffix not allowed');
  return { type: operator, values: strings };
}

function anythingButStrings(operator: string, value: unknown): readonly string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'number') fail(anythingButTypeError(operator));
  // A nested object (e.g. {"suffix": {"equals-ignore-case": …}}), null or a boolean is not allowed here.
  if (!Array.isArray(value)) fail('Value of anything-but must be an array or single string/number value.');
  const list: readonly unknown[] = value;
  if (!list.every((item): item is string => typeof item === 'string')) fail(anythingButTypeError(operator));
  return list;
}

function anythingButTypeError(operator: string): string {
  if (operator === 'equals-ignore-case') {
    return 'Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.';
  }
  return operator === 'wildcard'
    ? 'wildcard match pattern must be a string'
    : 'prefix/suffix match pattern must be a string';
}

/** Splits a wildcard pattern at its `*`s, applying Event Ruler's escapes: `\*` is a literal star, `\\` a backslash. */
function parseWildcard(text: string): WildcardSegments {
  const segments: string[] = [];
  let literal = '';
  for (let index = 0; index < text.length; index++) {
    const char = text.charAt(index);
    if (char === '*') {
      // AWS rejects "**" (WildcardParser: "Consecutive wildcard characters at pos …").
      if (text.charAt(index + 1) === '*') fail(`Consecutive wildcard characters at pos ${index}`);
      segments.push(literal);
      literal = '';
    } else if (char === '\\') {
      // Only \* and \\ are escapes; a backslash before anything else (or at the end) is rejected.
      const next = text.charAt(index + 1);
      if (next !== '*' && next !== '\\') fail(`Invalid escape character at pos ${index}`);
      literal += next;
      index++;
    } else {
      literal += char;
    }
  }
  segments.push(literal);
  return segments;
}

function parseCidr(text: string): IpRange {
  const parts = javaSplit(text, '/');
  const [address, maskText] = parts;
  if (parts.length !== 2 || address === undefined || maskText === undefined) fail("Malformed CIDR, one '/' required");
  if (!/^[+-]?[0-9]+$/.test(maskText)) fail('Malformed CIDR, mask bits must be an integer');
  const mask = Number(maskText);
  if (mask < 0) fail('Malformed CIDR, mask bits must not be negative');
  const ip = parseIpAddress(address);
  if (ip === undefined) fail(`Nonstandard IP address: ${address}`);
  // Event Ruler caps the mask at 31 bits (IPv4) and 127 bits (IPv6): a single-address block is written without a CIDR.
  const bits = ip.version === 4 ? 32 : 128;
  if (mask >= bits) fail(ip.version === 4 ? 'IPv4 mask bits must be < 32' : 'IPv6 mask bits must be < 128');
  const hostMask = (1n << BigInt(bits - mask)) - 1n;
  return {
    version: ip.version,
    low: ip.value & ~hostMask,
    high: ip.value | hostMask,
  };
}

function javaSplit(text: string, separator: string): string[] {
  // java.lang.String#split drops trailing empty strings, so "10.0.0.0/24/" still has two parts.
  const parts = text.split(separator);
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

function parseIpv4(text: string): IpAddress | undefined {
  const octets = text.split('.');
  // Leading zeros are ambiguous (octal?) and modern Java rejects them; so do we.
  if (!octets.every((octet) => /^(0|[1-9][0-9]{0,2})$/.test(octet) && Number(octet) <= 255)) return undefined;
  return {
    version: 4,
    value: octets.reduce((sum, octet) => (sum << 8n) | BigInt(octet), 0n),
  };
}

function parseIpv6(text: string): IpAddress | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const [head = '', tail] = halves;
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = 8 - headGroups.length - tailGroups.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return undefined;
  const groups = [...headGroups, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...tailGroups];
  if (!groups.every((group) => /^[0-9a-fA-F]{1,4}$/.test(group))) return undefined;
  const value = groups.reduce((sum, group) => (sum << 16n) | BigInt(`0x${group}`), 0n);
  // java.net.InetAddress turns IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) into plain IPv4 addresses.
  const mappedPrefix = 0xffffn << 32n;
  if (value >> 32n === 0xffffn) return { version: 4, value: value - mappedPrefix };
  return { version: 6, value };
}

function assertWildcardComplexity(branches: CompiledPattern): void {
  for (const patterns of wildcardPatternsByField(branches).values()) {
    if (wildcardComplexity([...patterns.values()]) > MAX_WILDCARD_COMPLEXITY) {
      fail(
        'Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character',
      );
    }
  }
}

function wildcardPatternsByField(branches: CompiledPattern): Map<string, Map<string, WildcardSegments>> {
  // Event Ruler builds one byte machine per field, shared by all values (and $or branches) naming that field; an
  // identical pattern is stored once. Only positive wildcards count: anything-but wildcards are a different match type.
  const byField = new Map<string, Map<string, WildcardSegments>>();
  for (const branch of branches) {
    for (const [path, conditions] of branch) {
      for (const condition of conditions) {
        if (condition.type !== 'wildcard') continue;
        const patterns = byField.get(path) ?? new Map<string, WildcardSegments>();
        patterns.set(JSON.stringify(condition.segments), condition.segments);
        byField.set(path, patterns);
      }
    }
  }
  return byField;
}

const STAR = Symbol('star');
type WildcardToken = string | typeof STAR;
type Positions = readonly ReadonlySet<number>[];

// Guards the subset exploration below; real patterns stay far below it.
const MAX_EXPLORED_STATES = 20_000;

/**
 * The largest number of (non-empty) pattern prefixes that one input string matches in full, summed over the patterns:
 * Event Ruler's wildcard complexity. Explores the subset construction of the patterns' NFA over their literal alphabet.
 */
function wildcardComplexity(patterns: readonly WildcardSegments[]): number {
  const tokenLists = patterns.map(toTokens);
  const alphabet = [...new Set(tokenLists.flat().filter((token): token is string => token !== STAR)), '<other>'];
  const start = tokenLists.map((tokens) => closeOverStars(tokens, new Set([0])));
  const seen = new Set([positionsKey(start)]);
  const queue: Positions[] = [start];
  let worst = activePrefixes(start);
  for (let next = queue.shift(); next !== undefined && seen.size < MAX_EXPLORED_STATES; next = queue.shift()) {
    for (const char of alphabet) {
      const stepped = next.map((positions, index) => step(tokenLists[index] ?? [], positions, char));
      const key = positionsKey(stepped);
      if (seen.has(key)) continue;
      seen.add(key);
      worst = Math.max(worst, activePrefixes(stepped));
      if (worst > MAX_WILDCARD_COMPLEXITY) return worst;
      queue.push(stepped);
    }
  }
  return worst;
}

function toTokens(segments: WildcardSegments): WildcardToken[] {
  return segments.flatMap((segment, index) => (index === 0 ? [...segment] : [STAR, ...segment]));
}

function closeOverStars(tokens: readonly WildcardToken[], positions: ReadonlySet<number>): Set<number> {
  // A star may match nothing, so the position after it is reachable without consuming input.
  const closed = new Set(positions);
  for (const position of positions) {
    for (let at = position; tokens[at] === STAR; at++) closed.add(at + 1);
  }
  return closed;
}

function step(tokens: readonly WildcardToken[], positions: ReadonlySet<number>, char: string): Set<number> {
  const next = new Set<number>();
  for (const position of positions) {
    if (position > 0 && tokens[position - 1] === STAR) next.add(position);
    if (tokens[position] === char) next.add(position + 1);
  }
  return closeOverStars(tokens, next);
}

function activePrefixes(state: Positions): number {
  return state.reduce((sum, positions) => sum + [...positions].filter((position) => position > 0).length, 0);
}

function positionsKey(state: Positions): string {
  return state.map((positions) => [...positions].sort((a, b) => a - b).join(',')).join('|');
}
