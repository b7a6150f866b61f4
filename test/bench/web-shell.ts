import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** The shell's budget: JavaScript loaded by index.html, gzipped (issue 10: at most 80 KB). */
export const SHELL_BUDGET_BYTES = 80 * 1024;

export interface ShellSize {
  readonly files: ReadonlyArray<{ readonly file: string; readonly bytes: number; readonly gzipBytes: number }>;
  readonly gzipBytes: number;
  readonly budgetBytes: number;
}

/** The scripts index.html loads at once (its module entry and the chunks it preloads), each with its gzipped size. */
export function shellSize(distDir: string): ShellSize {
  const html = readFileSync(path.join(distDir, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/<(?:script|link)[^>]+(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map(
    (match) => match[1] ?? '',
  );
  const files = [...new Set(scripts)].map((file) => {
    const content = readFileSync(path.join(distDir, file));
    return { file, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
  });
  return {
    files,
    gzipBytes: files.reduce((sum, file) => sum + file.gzipBytes, 0),
    budgetBytes: SHELL_BUDGET_BYTES,
  };
}
