import { CATEGORIES, type Category } from './routing';

export type InboxSetting = 'immediate' | 'off';
export type EmailCadence = 'immediate' | 'daily' | 'weekly' | 'off';

export interface CategoryPreference {
  readonly inbox: InboxSetting;
  readonly email: EmailCadence;
}

export interface Preferences {
  readonly categories: Readonly<Record<Category, CategoryPreference>>;
  /** 0: never saved (the defaults). */
  readonly version: number;
  readonly updatedAt?: string;
}

/**
 * What a user who never chose gets: everything in the inbox, and e-mail at once for what asks them to act (a stage
 * decision, a deadline, an assignment, results, an endpoint disabled); news of the programme and of registrations in a daily digest.
 */
export const DEFAULT_PREFERENCES: Preferences = {
  categories: {
    programme: { inbox: 'immediate', email: 'daily' },
    registration: { inbox: 'immediate', email: 'daily' },
    stage: { inbox: 'immediate', email: 'immediate' },
    deadline: { inbox: 'immediate', email: 'immediate' },
    evaluation: { inbox: 'immediate', email: 'immediate' },
    results: { inbox: 'immediate', email: 'immediate' },
    integration: { inbox: 'immediate', email: 'immediate' },
  },
  version: 0,
};

/** Saved preferences over the defaults (a category added since they were saved gets its default). */
export function withDefaults(saved: Partial<Preferences> | undefined): Preferences {
  return {
    categories: Object.fromEntries(
      CATEGORIES.map((category) => [
        category,
        saved?.categories?.[category] ?? DEFAULT_PREFERENCES.categories[category],
      ]),
    ) as Record<Category, CategoryPreference>,
    version: saved?.version ?? 0,
    ...(saved?.updatedAt ? { updatedAt: saved.updatedAt } : {}),
  };
}

/** The digest period an e-mail of `cadence` sent at `at` belongs to: `daily:2027-03-01`, `weekly:2027-W09`. */
export function digestPeriod(cadence: 'daily' | 'weekly', at: Date): string {
  if (cadence === 'daily') return `daily:${at.toISOString().slice(0, 10)}`;
  // ISO week: the week with the year's first Thursday is week 1; weeks start on Monday.
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = new Date(Date.UTC(day.getUTCFullYear(), 0, 1));
  const week = Math.ceil(((day.getTime() - yearStart.getTime()) / 86_400_000 + 1) / 7);
  return `weekly:${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/**
 * When a digest period closes: the start of the next day (daily) or of the next ISO week, Monday (weekly), in UTC,
 * which is 07:00 in WIB: the digest arrives at the start of an Indonesian working morning.
 */
export function periodEnd(period: string): Date {
  const [cadence, value = ''] = period.split(':');
  if (cadence === 'daily') return new Date(Date.parse(`${value}T00:00:00.000Z`) + 86_400_000);
  const [yearText, weekText] = value.split('-W');
  const year = Number(yearText);
  const week = Number(weekText);
  // Monday of ISO week 1 is the Monday on or before 4 January.
  const fourth = new Date(Date.UTC(year, 0, 4));
  const mondayOfWeek1 = Date.UTC(year, 0, 4 - ((fourth.getUTCDay() || 7) - 1));
  return new Date(mondayOfWeek1 + week * 7 * 86_400_000);
}
