import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** Where and on what the numbers were taken. */
export interface MachineInfo {
  readonly node: string;
  readonly platform: string;
  readonly arch: string;
  readonly cpus: number;
  readonly cpuModel: string;
  readonly totalMemoryGiB: number;
  /** 1, 5 and 15 minute load averages when the bench started: how busy the shared machine already was. */
  readonly loadAverage: readonly number[];
}

/** Facts about this machine and this Node, for the report header and the JSON. */
export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    node: process.version,
    platform: os.platform(),
    arch: os.arch(),
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    totalMemoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    loadAverage: os.loadavg().map((value) => Math.round(value * 100) / 100),
  };
}

/** A column of a text table. */
export interface Column {
  readonly header: string;
  readonly align?: 'left' | 'right';
}

/** Renders rows as a plain-text table with a header rule, each column as wide as its widest cell. */
export function table(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
  const widths = columns.map((column, index) =>
    Math.max(column.header.length, ...rows.map((row) => (row[index] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    columns
      .map((column, index) => {
        const cell = cells[index] ?? '';
        const width = widths[index] ?? 0;
        return column.align === 'right' ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  return [
    line(columns.map((column) => column.header)),
    widths.map((width) => '─'.repeat(width)).join('  '),
    ...rows.map(line),
  ].join('\n');
}

/** Bytes as KiB with one decimal (bytes below 1 KiB as bytes). */
export function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KiB`;
}

/** Milliseconds with one decimal. */
export function formatMs(ms: number | undefined): string {
  return ms === undefined || Number.isNaN(ms) ? 'n/a' : `${ms.toFixed(1)} ms`;
}

/** A ratio with two decimals. */
export function formatRatio(value: number): string {
  return Number.isNaN(value) ? 'n/a' : `${value.toFixed(2)}×`;
}

/** ✓ when `value` is within `target` (lower is better), ✗ otherwise (or when it could not be measured). */
export function verdict(value: number, target: number): string {
  return !Number.isNaN(value) && value <= target ? '✓' : '✗';
}

/**
 * Wraps text to `width` columns, breaking only at `separator` (a space by default; `', '` keeps list items such as
 * "zod 90.9 KiB" whole), continuation lines indented by `indent`.
 */
export function wrap(text: string, width = 118, indent = '    ', separator = ' '): string {
  const lines: string[] = [];
  let line = '';
  for (const token of text.split(separator)) {
    if (line !== '' && line.length + separator.length + token.length > width) {
      lines.push(`${line}${separator.trimEnd()}`);
      line = `${indent}${token}`;
    } else {
      line = line === '' ? token : `${line}${separator}${token}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines.join('\n');
}

/** A section heading. */
export function heading(title: string): string {
  return `\n${title}\n${'═'.repeat(title.length)}`;
}

/** Writes the JSON report, creating its folder. */
export async function writeJson(file: string, value: unknown): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(value, null, 2)}\n`);
}
