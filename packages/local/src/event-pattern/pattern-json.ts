import { fail } from './invalid-pattern';

/** A JSON object of a pattern (a pattern, a field's nested object, a match expression). */
export type JsonObject = Readonly<Record<string, unknown>>;

/** Whether a value is a JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses a pattern given as JSON text; text that is not JSON is rejected as EventBridge rejects it. */
export function parsePatternJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return fail('Filter is not valid JSON');
  }
}
