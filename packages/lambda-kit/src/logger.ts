import { ENV } from '@inovda/manifest';
import type { Context } from 'aws-lambda';
import { withSourceMappedStack } from './stack-traces';

/**
 * The functions' structured logger: one JSON line per entry (level, message, timestamp, service, the invocation's
 * request id and cold start, the keys a handler appended such as the correlation id, and the entry's own fields),
 * at or above the level `INOVDA_LOG_LEVEL` names (DEBUG, INFO, WARN, ERROR or SILENT; INFO by default).
 *
 * Written here rather than taken from Powertools Logger on purpose: that library and its commons are ~21 KB of
 * every bundle, the single largest part of what a function loads beyond the SDK, and what the functions use of it
 * is this much. Errors are logged with their stacks resolved to the original sources through the bundle's source
 * map, read only when an error is logged (see stack-traces.ts; functions run without `--enable-source-maps`,
 * which would cost every cold start).
 */

const LEVELS = { DEBUG: 10, INFO: 20, WARN: 30, ERROR: 40, SILENT: 100 } as const;
export type LogLevel = keyof typeof LEVELS;

function levelOf(name: string | undefined): LogLevel {
  const upper = (name ?? 'INFO').toUpperCase();
  return upper in LEVELS ? (upper as LogLevel) : 'INFO';
}

/** An error as a log entry shows it: name, message, where it was thrown, the mapped stack, its cause. */
function errorEntry(error: Error): Record<string, unknown> {
  const mapped = withSourceMappedStack(error);
  const top = mapped.stack?.split('\n').find((line) => line.trimStart().startsWith('at '));
  const location = top ? /\(?([^()\s]+:\d+):\d+\)?$/.exec(top.trim())?.[1] : undefined;
  return {
    ...mapped,
    name: mapped.name,
    message: mapped.message,
    ...(location ? { location } : {}),
    stack: mapped.stack,
    ...(mapped.cause instanceof Error ? { cause: errorEntry(mapped.cause) } : {}),
  };
}

function replacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) return errorEntry(value);
  if (typeof value === 'bigint') return value.toString();
  return value;
}

export class Logger {
  private level: LogLevel = levelOf(process.env[ENV.logLevel]);
  private readonly service = process.env[ENV.serviceName];
  private invocation: Record<string, unknown> = {};
  private keys: Record<string, unknown> = {};
  private coldStart = true;

  /** Starts an invocation's entries: its request id and whether it is the cold start; forgets earlier keys. */
  startInvocation(context: Pick<Context, 'awsRequestId' | 'functionName'>): void {
    this.invocation = {
      function_name: context.functionName,
      function_request_id: context.awsRequestId,
      cold_start: this.coldStart,
    };
    this.coldStart = false;
    this.keys = {};
  }

  /** Adds keys to every later entry of this invocation (a correlation id, the route). */
  appendKeys(keys: Record<string, unknown>): void {
    Object.assign(this.keys, keys);
  }

  setLogLevel(level: LogLevel): void {
    this.level = level;
  }

  debug(message: string, fields?: Record<string, unknown>): void {
    this.write('DEBUG', message, fields);
  }

  info(message: string, fields?: Record<string, unknown>): void {
    this.write('INFO', message, fields);
  }

  warn(message: string, fields?: Record<string, unknown>): void {
    this.write('WARN', message, fields);
  }

  error(message: string, fields?: Record<string, unknown>): void {
    this.write('ERROR', message, fields);
  }

  private write(level: Exclude<LogLevel, 'SILENT'>, message: string, fields: Record<string, unknown> = {}): void {
    if (LEVELS[level] < LEVELS[this.level]) return;
    const entry = {
      level,
      message,
      timestamp: new Date().toISOString(),
      ...(this.service ? { service: this.service } : {}),
      ...this.invocation,
      ...this.keys,
      ...fields,
    };
    const line = JSON.stringify(entry, replacer);
    if (level === 'ERROR') console.error(line);
    else if (level === 'WARN') console.warn(line);
    else console.log(line);
  }
}

/** One logger per function, created at cold start. */
export const logger = new Logger();
