/**
 * Event-pattern validation: turns an EventBridge event pattern into a list of match branches, rejecting exactly the
 * patterns that Amazon EventBridge rejects with InvalidEventPatternException.
 *
 * EventBridge evaluates patterns with AWS's open-source Event Ruler library (github.com/aws/event-ruler); the rules
 * below follow its JsonRuleCompiler, CIDR, ComparableNumber and WildcardParser classes, cross-checked against the AWS
 * docs ("Content filtering in Amazon EventBridge event patterns") and LocalStack's AWS-validated pattern tests.
 */
import { compileAnythingBut } from './anything-but';
import type { Branch, CompiledPattern, Condition } from './compiled-pattern';
import { fail } from './invalid-pattern';
import { parseCidr, parseIpAddress } from './ip-address';
import { compileNumeric } from './numeric';
import { isJsonObject, type JsonObject, parsePatternJson } from './pattern-json';
import { parseWildcard } from './wildcard';
import { assertWildcardComplexity } from './wildcard-complexity';

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
