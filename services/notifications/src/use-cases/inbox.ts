import { TransactionCancelled } from '@inovda/dynamo';
import { type Acting, type Page, Problem } from '@inovda/kernel';
import type { InboxEntry, InboxState } from '../domain/model';
import type { Deps } from './context';

const EMPTY = (sub: string): InboxState => ({ sub, unread: 0, version: 0 });
const ATTEMPTS = 5;

/** An entry as the caller sees it (its id is its event's): read when marked, or covered by "mark all read". */
function shown(entry: InboxEntry, state: InboxState) {
  const { sub: _owner, ...rest } = entry;
  const coveredByAll = !entry.readAt && state.readUpTo !== undefined && entry.eventId <= state.readUpTo;
  return {
    id: entry.eventId,
    ...rest,
    ...(coveredByAll && state.readUpToAt ? { readAt: state.readUpToAt } : {}),
  };
}

function isRead(entry: InboxEntry, state: InboxState): boolean {
  return entry.readAt !== undefined || (state.readUpTo !== undefined && entry.eventId <= state.readUpTo);
}

/** Retries a change of the inbox state that lost to a concurrent one (a new notification arriving meanwhile). */
async function retrying<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await run();
    } catch (error) {
      if (!(error instanceof TransactionCancelled) || attempt >= ATTEMPTS) throw error;
    }
  }
}

/** A page of the caller's own inbox, newest first, with the unread count. Nobody reads another's inbox. */
export async function listInbox(
  deps: Deps,
  actor: Acting,
  query: { limit: number; cursor?: string | undefined },
): Promise<Page<ReturnType<typeof shown>> & { unread: number }> {
  const sub = actor.caller.sub;
  const [page, state] = await Promise.all([
    deps.store.inboxPage(sub, query.limit, query.cursor),
    deps.store.inboxState(sub),
  ]);
  const current = state ?? EMPTY(sub);
  return { ...page, items: page.items.map((entry) => shown(entry, current)), unread: current.unread };
}

/** Marks one of the caller's notifications read (already read: nothing changes); another's is a 404. */
export function markRead(deps: Deps, actor: Acting, eventId: string): Promise<{ unread: number }> {
  const sub = actor.caller.sub;
  return retrying(async () => {
    const [entry, state] = await Promise.all([deps.store.inboxEntry(sub, eventId), deps.store.inboxState(sub)]);
    if (!entry) throw new Problem('not-found');
    const current = state ?? EMPTY(sub);
    if (isRead(entry, current)) return { unread: current.unread };
    await deps.store.markRead(entry, current, deps.now().toISOString());
    return { unread: Math.max(0, current.unread - 1) };
  });
}

/** Marks all the caller's notifications read, up to the newest. */
export function markAllRead(deps: Deps, actor: Acting): Promise<{ unread: number }> {
  const sub = actor.caller.sub;
  return retrying(async () => {
    const [state, newest] = await Promise.all([deps.store.inboxState(sub), deps.store.inboxPage(sub, 1)]);
    const top = newest.items[0];
    if (!state || !top) return { unread: 0 };
    await deps.store.markAllRead(state, top.eventId, deps.now().toISOString());
    return { unread: 0 };
  });
}

/** Puts an entry in a user's inbox, once (a redelivered event adds nothing). */
export function deliverToInbox(deps: Deps, entry: InboxEntry): Promise<boolean> {
  return retrying(async () => {
    const state = (await deps.store.inboxState(entry.sub)) ?? EMPTY(entry.sub);
    return deps.store.addToInbox(entry, state);
  });
}
