import type { EventPattern } from 'aws-cdk-lib/aws-events';

/** EventBridge's top-level pattern fields, keyed by their JSON name, with the CDK `EventPattern` name. */
const FIELDS = {
  version: 'version',
  id: 'id',
  'detail-type': 'detailType',
  source: 'source',
  account: 'account',
  time: 'time',
  region: 'region',
  resources: 'resources',
} as const satisfies Record<string, Exclude<keyof EventPattern, 'detail'>>;

function isField(key: string): key is keyof typeof FIELDS {
  return Object.hasOwn(FIELDS, key);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A manifest pattern (EventBridge JSON, as `TestEventPattern` and the local bus take it) as a CDK `EventPattern`,
 * which renders it back to the same JSON. Fails on anything EventBridge would reject at deploy time.
 */
export function toEventPattern(pattern: Readonly<Record<string, unknown>>): EventPattern {
  const result: { -readonly [K in keyof EventPattern]: EventPattern[K] } = {};
  for (const [key, value] of Object.entries(pattern)) {
    if (key === 'detail') {
      if (!isRecord(value)) throw new Error('event pattern: "detail" must be an object');
      result.detail = value;
    } else if (isField(key)) {
      if (!Array.isArray(value)) throw new Error(`event pattern: "${key}" must be an array of values or matchers`);
      result[FIELDS[key]] = value;
    } else {
      throw new Error(`event pattern: unknown top-level field "${key}"`);
    }
  }
  return result;
}
