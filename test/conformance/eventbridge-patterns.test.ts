/**
 * Conformance of the local event bus's pattern matcher with Amazon EventBridge: one test per recorded case of
 * TestEventPattern on real AWS (LocalStack's AWS-validated templates). The data lives beside the repository, in
 * ../shared/conformance, and is not copied into it; without it the suite reports itself skipped.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InvalidEventPatternError, testEventPattern } from '../../packages/local/src/event-pattern/index';

type Expectation = 'match' | 'no-match' | 'invalid';

interface ConformanceCase {
  readonly name: string;
  readonly expect: Expectation;
  readonly pattern: unknown;
  readonly event: unknown;
}

interface ConformanceData {
  readonly count: number;
  readonly cases: readonly ConformanceCase[];
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dataPath = resolve(repoRoot, '..', 'shared', 'conformance', 'eventbridge-patterns.json');
const dataFound = existsSync(dataPath);
const data: ConformanceData = dataFound ? parseData(readFileSync(dataPath, 'utf8')) : { count: 0, cases: [] };

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCase(value: unknown): value is ConformanceCase {
  return (
    isRecord(value) &&
    typeof value.name === 'string' &&
    (value.expect === 'match' || value.expect === 'no-match' || value.expect === 'invalid') &&
    'pattern' in value &&
    'event' in value
  );
}

function parseData(text: string): ConformanceData {
  const parsed: unknown = JSON.parse(text);
  if (!isRecord(parsed) || typeof parsed.count !== 'number' || !Array.isArray(parsed.cases)) {
    throw new Error(`${dataPath} is not conformance data ({count, cases})`);
  }
  const cases: readonly unknown[] = parsed.cases;
  const malformed = cases.findIndex((item) => !isCase(item));
  if (malformed !== -1) throw new Error(`${dataPath}: case #${malformed} lacks name, expect, pattern or event`);
  return { count: parsed.count, cases: cases.filter(isCase) };
}

const title = dataFound
  ? `EventBridge pattern conformance (${data.cases.length} cases from ${dataPath})`
  : `EventBridge pattern conformance: conformance data not found at ${dataPath}: skipped`;

describe.skipIf(!dataFound)(title, () => {
  it('holds every case the file declares', () => {
    expect(data.cases).toHaveLength(data.count);
  });

  for (const testCase of data.cases) {
    it(`${testCase.name} → ${testCase.expect}`, () => {
      const run = (): boolean => testEventPattern(testCase.event, testCase.pattern);
      if (testCase.expect === 'invalid') {
        expect(run).toThrow(InvalidEventPatternError);
      } else {
        expect(run()).toBe(testCase.expect === 'match');
      }
    });
  }
});
