/**
 * The archive of a region's bus: every event on it, kept so read models can be rebuilt by an EventBridge replay.
 * The stack (infra/lib/event-bus.ts) and the local bus (@inovda/local) both read its name, pattern and retention
 * from here, so a replay addressed to the archive by name works the same against either.
 */

/** How the archive is set up. */
export const EVENT_ARCHIVE = {
  /** How long archived events stay replayable (a read model can be rebuilt from a year of history). */
  retentionDays: 365,
} as const;

/** The archive's name (1–48 characters of `[.\-_A-Za-z0-9]`, as EventBridge allows). */
export function eventArchiveNameFor(regionId: string): string {
  return `inovda-${regionId}-archive`;
}

/**
 * The archive's event pattern. EventBridge needs one; only the region's own account publishes to the bus, so
 * matching that account archives every event.
 */
export function eventArchivePattern(accountId: string): { readonly account: readonly string[] } {
  return { account: [accountId] };
}
