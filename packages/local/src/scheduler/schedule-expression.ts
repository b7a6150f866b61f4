/** A schedule expression that cannot run (the message says why, as PutRule would refuse it). */
export class InvalidScheduleExpressionError extends Error {
  override readonly name = 'InvalidScheduleExpressionError';
}

/** A parsed `rate(...)` or `cron(...)` expression. */
export type ScheduleExpression =
  | { readonly kind: 'rate'; readonly everyMs: number; readonly text: string }
  | { readonly kind: 'cron'; readonly cron: CronSchedule; readonly text: string };

type DayOfMonthRule =
  | { readonly kind: 'any' }
  | { readonly kind: 'values'; readonly values: ReadonlySet<number> }
  | { readonly kind: 'last' };
type DayOfWeekRule =
  | { readonly kind: 'any' }
  | { readonly kind: 'values'; readonly values: ReadonlySet<number> }
  | { readonly kind: 'nth'; readonly day: number; readonly nth: number }
  | { readonly kind: 'last'; readonly day: number };

/** The six fields of an EventBridge cron expression, evaluated in UTC as EventBridge does. */
export interface CronSchedule {
  readonly minutes: ReadonlySet<number>;
  readonly hours: ReadonlySet<number>;
  readonly dayOfMonth: DayOfMonthRule;
  readonly months: ReadonlySet<number>;
  readonly dayOfWeek: DayOfWeekRule;
  readonly years: ReadonlySet<number> | undefined;
}

const UNIT_MS = { minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
// EventBridge numbers days of the week 1-7 from Sunday.
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

function parseRate(body: string, text: string): ScheduleExpression {
  const match = /^(\d+)\s+(minute|minutes|hour|hours|day|days)$/.exec(body.trim());
  if (!match?.[1] || !match[2]) throw new InvalidScheduleExpressionError(`${text}: expected rate(<value> <unit>)`);
  const value = Number(match[1]);
  const unit = match[2];
  if (value < 1) throw new InvalidScheduleExpressionError(`${text}: the value must be positive`);
  // EventBridge insists on `1 minute` but `5 minutes`.
  if ((value === 1) !== !unit.endsWith('s')) {
    throw new InvalidScheduleExpressionError(`${text}: use a singular unit for 1 and a plural one otherwise`);
  }
  const singular = unit.replace(/s$/, '') as keyof typeof UNIT_MS;
  return { kind: 'rate', everyMs: value * UNIT_MS[singular], text };
}

function parseNumber(token: string, names: readonly string[] | undefined, offset: number): number {
  const index = names?.indexOf(token.toUpperCase()) ?? -1;
  if (index >= 0) return index + offset;
  if (!/^\d+$/.test(token)) return Number.NaN;
  return Number(token);
}

function parseSet(field: string, min: number, max: number, text: string, names?: readonly string[]): Set<number> {
  const values = new Set<number>();
  for (const item of field.split(',')) {
    const [range = '', stepText] = item.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    let from: number;
    let to: number;
    if (range === '*') {
      from = min;
      to = max;
    } else if (range.includes('-')) {
      const [a = '', b = ''] = range.split('-');
      from = parseNumber(a, names, min);
      to = parseNumber(b, names, min);
    } else {
      from = parseNumber(range, names, min);
      to = stepText === undefined ? from : max;
    }
    if (![from, to, step].every(Number.isInteger) || from < min || to > max || from > to || step < 1) {
      throw new InvalidScheduleExpressionError(`${text}: '${item}' is not valid here (${min}-${max})`);
    }
    for (let value = from; value <= to; value += step) values.add(value);
  }
  return values;
}

function parseDayOfMonth(field: string, text: string): DayOfMonthRule {
  if (field === '?') return { kind: 'any' };
  if (field === 'L') return { kind: 'last' };
  if (field.includes('W'))
    throw new InvalidScheduleExpressionError(`${text}: W (nearest weekday) is not supported locally`);
  return { kind: 'values', values: parseSet(field, 1, 31, text) };
}

function parseDayOfWeek(field: string, text: string): DayOfWeekRule {
  if (field === '?') return { kind: 'any' };
  const nth = /^(\w+)#([1-5])$/.exec(field);
  if (nth?.[1] && nth[2]) return { kind: 'nth', day: parseNumber(nth[1], DAYS, 1), nth: Number(nth[2]) };
  const last = /^(\w+)L$/.exec(field);
  if (last?.[1]) return { kind: 'last', day: parseNumber(last[1], DAYS, 1) };
  return { kind: 'values', values: parseSet(field, 1, 7, text, DAYS) };
}

function parseCron(body: string, text: string): ScheduleExpression {
  const fields = body.trim().split(/\s+/);
  if (fields.length !== 6) throw new InvalidScheduleExpressionError(`${text}: cron needs 6 fields`);
  const [minutes = '', hours = '', dayOfMonth = '', month = '', dayOfWeek = '', year = ''] = fields;
  // EventBridge requires one of the two day fields to be '?'.
  if ((dayOfMonth === '?') === (dayOfWeek === '?')) {
    throw new InvalidScheduleExpressionError(`${text}: exactly one of day-of-month and day-of-week must be '?'`);
  }
  return {
    kind: 'cron',
    text,
    cron: {
      minutes: parseSet(minutes, 0, 59, text),
      hours: parseSet(hours, 0, 23, text),
      dayOfMonth: parseDayOfMonth(dayOfMonth, text),
      months: parseSet(month, 1, 12, text, MONTHS),
      dayOfWeek: parseDayOfWeek(dayOfWeek, text),
      years: year === '*' ? undefined : parseSet(year, 1970, 2199, text),
    },
  };
}

/** Parses an EventBridge schedule expression: `rate(5 minutes)`, `cron(0 1 * * ? *)`. */
export function parseScheduleExpression(text: string): ScheduleExpression {
  const match = /^(rate|cron)\((.*)\)$/.exec(text.trim());
  if (!match?.[1] || match[2] === undefined) {
    throw new InvalidScheduleExpressionError(`${text}: expected rate(...) or cron(...)`);
  }
  return match[1] === 'rate' ? parseRate(match[2], text) : parseCron(match[2], text);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function dayMatches(cron: CronSchedule, date: Date): boolean {
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + 1;
  const day = date.getUTCDate();
  const weekday = date.getUTCDay() + 1;
  if (!cron.months.has(month) || (cron.years && !cron.years.has(year))) return false;
  const dom = cron.dayOfMonth;
  if (dom.kind === 'last' && day !== daysInMonth(year, month)) return false;
  if (dom.kind === 'values' && !dom.values.has(day)) return false;
  const dow = cron.dayOfWeek;
  if (dow.kind === 'values' && !dow.values.has(weekday)) return false;
  if (dow.kind === 'nth' && (weekday !== dow.day || Math.ceil(day / 7) !== dow.nth)) return false;
  if (dow.kind === 'last' && (weekday !== dow.day || day + 7 <= daysInMonth(year, month))) return false;
  return true;
}

/**
 * When the schedule next fires strictly after `after`. A rate counts from `since` (EventBridge counts from when
 * the rule was created); a cron is evaluated minute by minute in UTC. Undefined if it never fires again.
 */
export function nextFireTime(expression: ScheduleExpression, after: Date, since: Date = after): Date | undefined {
  if (expression.kind === 'rate') {
    const elapsed = Math.max(0, after.getTime() - since.getTime());
    return new Date(since.getTime() + (Math.floor(elapsed / expression.everyMs) + 1) * expression.everyMs);
  }
  const { cron } = expression;
  const start = new Date(Math.floor(after.getTime() / 60_000) * 60_000 + 60_000);
  const day = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate()));
  const hours = [...cron.hours].sort((a, b) => a - b);
  const minutes = [...cron.minutes].sort((a, b) => a - b);
  // Five years covers every satisfiable expression that has no year field (29 February included).
  for (let i = 0; i < 366 * 5; i++, day.setUTCDate(day.getUTCDate() + 1)) {
    if (!dayMatches(cron, day)) continue;
    for (const hour of hours) {
      for (const minute of minutes) {
        const candidate = new Date(day.getTime() + hour * 3_600_000 + minute * 60_000);
        if (candidate >= start) return candidate;
      }
    }
  }
  return undefined;
}
