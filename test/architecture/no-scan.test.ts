import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * No `Scan` on any request path: every read the services make is a GetItem or a Query bounded by a page size.
 * This reads the source of every service and every package a Lambda bundles, outside tests, and fails on any
 * use of the Scan API (the IAM test in test/infra checks no function is even granted dynamodb:Scan).
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
const LAMBDA_SOURCES = [
  'services',
  'packages/dynamo',
  'packages/kernel',
  'packages/lambda-kit',
  'packages/contracts',
  'packages/manifest',
];
const SCAN_USE = /\b(ScanCommand|paginateScan|ParallelScan|\.scan\s*\()|['"]Scan['"]/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'test') return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

describe('request paths', () => {
  const files = LAMBDA_SOURCES.flatMap((dir) => sourceFiles(join(root, dir)));

  it('finds the Lambda sources to check', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it('never use the DynamoDB Scan API', () => {
    const offenders = files.filter((file) => SCAN_USE.test(readFileSync(file, 'utf8'))).map((f) => relative(root, f));
    expect(offenders).toEqual([]);
  });

  it('the check itself recognises a Scan', () => {
    expect(SCAN_USE.test("await db.send(new ScanCommand({ TableName: 't' }))")).toBe(true);
    expect(SCAN_USE.test('new QueryCommand({})')).toBe(false);
  });
});
