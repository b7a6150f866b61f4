import type { NumericComparison, NumericOperator } from './compiled-pattern';
import { fail } from './invalid-pattern';

// Event Ruler stores numbers as fixed-point with 6 decimals in [-5e9, 5e9] (ComparableNumber); AWS documents the same
// limit for numeric matching, and rejects numeric/anything-but operands outside it.
const NUMBER_LIMIT = 5e9;
const MAX_DECIMALS = 6;

const NUMERIC_OPERATORS: ReadonlySet<string> = new Set(['<', '<=', '=', '>', '>=']);

/** Whether Event Ruler can compare this number numerically: within ±5e9 and at most 6 decimal places. */
export function isComparableNumber(value: number): boolean {
  return Number.isFinite(value) && Math.abs(value) <= NUMBER_LIMIT && decimalPlaces(value) <= MAX_DECIMALS;
}

/** Compiles the operand of a `numeric` filter: one comparison, or a lower bound followed by an upper bound. */
export function compileNumeric(operand: unknown): NumericComparison[] {
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

/** A number an operator may compare against, or a rejection for one Event Ruler cannot represent. */
export function comparableOperand(value: number): number {
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

function display(value: unknown): string {
  return value === undefined ? ']' : JSON.stringify(value);
}
