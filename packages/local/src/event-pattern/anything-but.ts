import type { Exclusion } from './compiled-pattern';
import { fail } from './invalid-pattern';
import { comparableOperand } from './numeric';
import { isJsonObject, type JsonObject } from './pattern-json';
import { parseWildcard } from './wildcard';

/**
 * Compiles the operand of an `anything-but` filter: a value, a list of values, or a prefix, suffix,
 * equals-ignore-case or wildcard object.
 */
export function compileAnythingBut(operand: unknown): Exclusion {
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
