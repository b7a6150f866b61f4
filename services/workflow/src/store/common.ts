import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { OutgoingEvent } from '@inovda/contracts';
import { encodeCursor } from '@inovda/dynamo';
import { STORAGE_ATTRIBUTES } from './keys';

/** Items of one TransactWriteItems call. */
export type TransactItems = NonNullable<TransactWriteCommandInput['TransactItems']>;

/** Any contract's outgoing event (the outbox needs only its id and correlation id). */
export type AnyEvent = OutgoingEvent<{ metadata: { eventId: string; correlationId: string } }>;

/** What a page of a list looks like. */
export interface Page<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}

/** The entity without its storage attributes. */
export function withoutStorage<T>(item: Record<string, unknown>): T {
  const copy: Record<string, unknown> = { ...item };
  for (const attribute of STORAGE_ATTRIBUTES) delete copy[attribute];
  return copy as T;
}

/** The cancellation reason codes of a failed transaction, or undefined when it failed for another reason. */
export function cancellationCodes(error: unknown): Array<string | undefined> | undefined {
  if (!(error instanceof Error) || error.name !== 'TransactionCanceledException') return undefined;
  const reasons = (error as { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons ?? [];
  return reasons.map((reason) => reason.Code);
}

/**
 * A page from a Query that asked for one item more than the page size: the extra item only tells whether there
 * is a next page, so the last page never carries a cursor to an empty page.
 */
export function pageOf<T>(
  items: Record<string, unknown>[],
  limit: number,
  keyAttributes: readonly string[],
  map: (item: Record<string, unknown>) => T,
): Page<T> {
  const kept = items.slice(0, limit);
  const last = kept[kept.length - 1];
  const nextCursor =
    items.length > limit && last
      ? encodeCursor(Object.fromEntries(keyAttributes.map((name) => [name, last[name]])))
      : null;
  return { items: kept.map(map), nextCursor };
}
