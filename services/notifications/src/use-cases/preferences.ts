import { TransactionCancelled } from '@inovda/dynamo';
import { type Acting, assertVersion, versionMismatch } from '@inovda/kernel';
import { type CategoryPreference, type Preferences, withDefaults } from '../domain/preferences';
import type { Category } from '../domain/routing';
import type { Deps } from './context';

/** The caller's preferences (the defaults until they save theirs). */
export async function getPreferences(deps: Deps, actor: Acting): Promise<Preferences> {
  return withDefaults(await deps.store.preferences(actor.caller.sub));
}

/** Changes some categories of the caller's preferences; `If-Match` guards against a change made meanwhile. */
export async function setPreferences(
  deps: Deps,
  actor: Acting,
  categories: Partial<Record<Category, CategoryPreference>>,
  expectedVersion: number | undefined,
): Promise<Preferences> {
  const sub = actor.caller.sub;
  const current = withDefaults(await deps.store.preferences(sub));
  assertVersion(current, expectedVersion);
  const next: Preferences = {
    categories: { ...current.categories, ...categories },
    version: current.version + 1,
    updatedAt: deps.now().toISOString(),
  };
  try {
    await deps.store.savePreferences(sub, next, current.version);
  } catch (error) {
    if (error instanceof TransactionCancelled) throw versionMismatch((await getPreferences(deps, actor)).version);
    throw error;
  }
  return next;
}
