import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { logger } from './logger';
import { clearSourceMapCache, sourceMappedStack, withSourceMappedStack } from './stack-traces';

/**
 * A module bundled the way functions are deployed (minified ESM, a source map beside it without sources), whose
 * `fail` throws on a known line of its source: the resolved stack must name that file and line.
 */
const SOURCE = [
  'export function validate(value: number): number {', // 1
  '  if (value < 0) {', // 2
  "    throw new RangeError('negative');", // 3
  '  }', // 4
  '  return value;', // 5
  '}', // 6
  '', // 7
  'export function fail(): never {', // 8
  '  try {', // 9
  '    validate(-1);', // 10
  '  } catch (cause) {', // 11
  "    throw new Error('wrapped', { cause });", // 12
  '  }', // 13
  '  throw new Error("unreachable");', // 14
  '}', // 15
  '',
].join('\n');

let folder: string;
/** Stacks of the fixture's error and its cause, as a plain `node` (no source map support) prints them. */
let thrown: { stack: string; causeStack: string };

/**
 * The fixture runs in a child `node` as Lambda runs a bundle: without `--enable-source-maps`. Not in this process:
 * vitest loads modules through its own runner and maps their stacks itself.
 */
function runFixture(bundle: string): Promise<{ stack: string; causeStack: string }> {
  const script = [
    `const { fail } = await import(${JSON.stringify(pathToFileURL(bundle).href)});`,
    'try { fail(); } catch (error) {',
    '  process.stdout.write(JSON.stringify({ stack: error.stack, causeStack: error.cause.stack }));',
    '}',
  ].join('\n');
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--input-type=module', '-e', script],
      { env: { PATH: process.env.PATH ?? '' } },
      (error, stdout) => {
        if (error) reject(error);
        else resolve(JSON.parse(stdout));
      },
    );
  });
}

/** An error as the fixture threw it (its stacks from the child), with a cause. */
function caught(): Error {
  const cause = new RangeError('negative');
  cause.stack = thrown.causeStack;
  const error = new Error('wrapped', { cause });
  error.stack = thrown.stack;
  return error;
}

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'inovda-stack-traces-'));
  await writeFile(path.join(folder, 'fixture.ts'), SOURCE);
  const outfile = path.join(folder, 'out', 'index.mjs');
  await build({
    entryPoints: [path.join(folder, 'fixture.ts')],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node24',
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    logLevel: 'silent',
  });
  clearSourceMapCache();
  thrown = await runFixture(outfile);
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('sourceMappedStack', () => {
  it('resolves frames of a minified bundle to the original file and line', () => {
    const error = caught();
    // Without source maps enabled the raw stack points into the one-line bundle.
    expect(error.stack).toMatch(/index\.mjs:1:\d+\)/);
    const mapped = sourceMappedStack(error.stack ?? '');
    const frames = mapped.split('\n').slice(1);
    expect(frames[0]).toMatch(/\(fixture\.ts:12:\d+\)$/);
    expect(mapped).not.toContain('index.mjs');
    expect(mapped.split('\n')[0]).toBe('Error: wrapped');
  });

  it('leaves frames without a map beside their file as they are', () => {
    const stack = 'Error: x\n    at f (file:///nowhere/index.mjs:1:5)\n    at node:internal/process/task_queues:105:5';
    expect(sourceMappedStack(stack)).toBe(stack);
  });
});

describe('withSourceMappedStack', () => {
  it('maps the cause chain too, and leaves the error itself untouched', () => {
    const error = caught();
    const original = error.stack;
    const copy = withSourceMappedStack(error);
    expect(copy).toBeInstanceOf(Error);
    expect(copy.message).toBe('wrapped');
    expect(copy.stack).toMatch(/\(fixture\.ts:12:\d+\)/);
    expect(copy.cause).toBeInstanceOf(RangeError);
    expect((copy.cause as Error).stack).toMatch(/\(fixture\.ts:3:\d+\)/);
    expect(error.stack).toBe(original);
  });

  it('keeps the own properties a formatter logs', () => {
    const error = Object.assign(new Error('refused'), { code: 'conflict', status: 409 });
    const copy = withSourceMappedStack(error);
    expect({ ...copy }).toEqual({ code: 'conflict', status: 409 });
  });
});

describe('the handlers logger', () => {
  it('logs an error with its original file and line', () => {
    const lines: string[] = [];
    const write = vi.spyOn(console, 'error').mockImplementation((line: unknown) => {
      lines.push(String(line));
    });
    logger.setLogLevel('ERROR');
    try {
      logger.error('request failed', { error: caught() });
    } finally {
      write.mockRestore();
      logger.setLogLevel('SILENT');
    }
    const logged = JSON.parse(lines.join('').trim()) as { error: { location: string; stack: string; cause: unknown } };
    expect(logged.error.location).toBe('fixture.ts:12');
    expect(logged.error.stack).toMatch(/\(fixture\.ts:12:\d+\)/);
    expect(JSON.stringify(logged.error.cause)).toMatch(/fixture\.ts:3:\d+/);
  });
});
