import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';

/**
 * Readable stack traces without `--enable-source-maps`.
 *
 * With `NODE_OPTIONS=--enable-source-maps`, Node reads and parses a bundle's source map (~740 KB for a function)
 * while loading it, at every cold start, whether or not anything ever fails. Turning source maps on later
 * (`process.setSourceMapsEnabled`, `module.setSourceMapsSupport`) does not help: on Node 24 they only map modules
 * loaded after the call, and the bundle is loaded first. So the bundle ships with its map next to it
 * (`index.mjs.map`, esbuild's naming) and this module resolves a stack only when one is logged: the first error an
 * execution environment logs reads and parses the map (once, then cached); a cold start that logs no error never
 * touches it.
 *
 * Frames are rewritten to the original file (as the map names it, without the leading `../` that only say where
 * the build wrote its output) and 1-based line and column, e.g. `at o (services/submissions/src/x.ts:12:9)`. The
 * function name stays the minified one: a map names what is at a position, not the function around it.
 */

/** A frame's location at its end: `(file:///var/task/index.mjs:1:2345)` or `at /var/task/index.mjs:1:2345`. */
const FRAME_LOCATION = /([( ])((?:file:\/\/)?\/[^()\s]*?\.[cm]?js):(\d+):(\d+)(\)?)$/;

/** Parsed maps by generated file; null when the file has no readable map (looked up once either way). */
const maps = new Map<string, SourceMap | null>();

function mapOf(file: string): SourceMap | null {
  const cached = maps.get(file);
  if (cached !== undefined) return cached;
  let map: SourceMap | null = null;
  try {
    map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')));
  } catch {
    // No map beside the file (a dependency, a test run from source) or an unreadable one: frames stay as they are.
  }
  maps.set(file, map);
  return map;
}

/** `../../services/x.ts` → `services/x.ts`: the leading parents only point from the output folder to the sources. */
function sourceName(source: string): string {
  return source.replace(/^(?:\.\.?\/)+/, '');
}

/** One stack line, resolved to its original source when its file has a map; otherwise unchanged. */
function mapFrame(line: string): string {
  const match = FRAME_LOCATION.exec(line);
  if (!match) return line;
  const [whole, before = '', location = '', lineText = '', columnText = '', after = ''] = match;
  const file = location.startsWith('file://') ? fileURLToPath(location) : location;
  const map = mapOf(file);
  if (!map) return line;
  // Stack positions are 1-based, source map entries 0-based.
  const entry = map.findEntry(Number(lineText) - 1, Number(columnText) - 1);
  if (!('originalSource' in entry) || typeof entry.originalSource !== 'string') return line;
  const original = `${sourceName(entry.originalSource)}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  return `${line.slice(0, line.length - whole.length)}${before}${original}${after}`;
}

/** A stack (as `error.stack` prints it) with every frame of a source-mapped bundle resolved to its source. */
export function sourceMappedStack(stack: string): string {
  try {
    return stack.split('\n').map(mapFrame).join('\n');
  } catch {
    // Logging must never fail because a stack could not be mapped.
    return stack;
  }
}

/**
 * A stand-in for `error` to log: the same prototype (so still `instanceof` its class), name, message and own
 * properties, with the stack resolved to the original sources, and its `cause` chain resolved the same way. The
 * error itself is left untouched: callers may still rethrow or inspect it.
 */
export function withSourceMappedStack<E extends Error>(error: E, seen: Set<unknown> = new Set()): E {
  seen.add(error);
  const copy: E = Object.create(error);
  Object.assign(copy, error);
  if (typeof error.stack === 'string') {
    Object.defineProperty(copy, 'stack', { value: sourceMappedStack(error.stack), enumerable: false });
  }
  const { cause } = error;
  if (cause instanceof Error && !seen.has(cause)) {
    Object.defineProperty(copy, 'cause', { value: withSourceMappedStack(cause, seen), enumerable: false });
  }
  return copy;
}

/** Forgets the maps read so far (tests rebuild bundles in place). */
export function clearSourceMapCache(): void {
  maps.clear();
}
