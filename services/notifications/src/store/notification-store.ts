import { type DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AnyOutgoingEvent } from '@inovda/contracts';
import { IF_ABSENT, queryPage, TransactionCancelled, TransactWrite, withoutStorage } from '@inovda/dynamo';
import type { Page } from '@inovda/kernel';
import type { EmailDelivery, InboxEntry, InboxState, KnownUser } from '../domain/model';
import type { Preferences } from '../domain/preferences';
import {
  DIRECTORY_PARTITION,
  emailKey,
  INBOX_ENTRY_PREFIX,
  ifAt,
  inboxEntryKey,
  inboxPartition,
  inboxStateKey,
  knownUserKey,
  type NameKind,
  nameKey,
  preferencesKey,
  STORAGE_ATTRIBUTES,
  USER_PREFIX,
} from './keys';

const plain = <T>(item: Record<string, unknown>): T => withoutStorage<T>(item, STORAGE_ATTRIBUTES);

/** A name the service shows (an innovation's, a cycle's), with the producer's version that set it. */
export interface KnownName {
  readonly name: string;
  readonly version: number;
}

/**
 * The notifications table: GetItems, bounded Queries (the directory, a page of an inbox) and small conditional
 * transactions. Every write is conditional on what was read (or on the item being absent), so a redelivered event
 * or a concurrent call changes nothing twice.
 */
export class NotificationStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  private async get<T>(key: { pk: string; sk: string }): Promise<T | undefined> {
    const result = await this.db.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }));
    return result.Item ? plain<T>(result.Item) : undefined;
  }

  knownUser(sub: string): Promise<KnownUser | undefined> {
    return this.get(knownUserKey(sub));
  }

  /** Records what the user's latest call says of them (written only when it changed). */
  async rememberUser(user: KnownUser): Promise<void> {
    await new TransactWrite(this.tableName).put('user', { ...user, ...knownUserKey(user.sub) }).commit(this.db);
  }

  /** Every known user of the region (one partition; paged through). */
  async knownUsers(): Promise<KnownUser[]> {
    const users: KnownUser[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const result = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': DIRECTORY_PARTITION, ':prefix': USER_PREFIX },
          ExclusiveStartKey: start,
        }),
      );
      users.push(...(result.Items ?? []).map((item) => plain<KnownUser>(item)));
      start = result.LastEvaluatedKey;
    } while (start);
    return users;
  }

  preferences(sub: string): Promise<Preferences | undefined> {
    return this.get(preferencesKey(sub));
  }

  /** Saves preferences if still at `readAt` (else `TransactionCancelled` naming `preferences`). */
  async savePreferences(sub: string, next: Preferences, readAt: number): Promise<void> {
    await new TransactWrite(this.tableName)
      .put('preferences', { ...next, ...preferencesKey(sub) }, ifAt(readAt))
      .commit(this.db);
  }

  inboxState(sub: string): Promise<InboxState | undefined> {
    return this.get(inboxStateKey(sub));
  }

  inboxEntry(sub: string, eventId: string): Promise<InboxEntry | undefined> {
    return this.get(inboxEntryKey(sub, eventId));
  }

  /** A page of a user's inbox, newest first. */
  inboxPage(sub: string, limit: number, cursor?: string): Promise<Page<InboxEntry>> {
    return queryPage({
      db: this.db,
      tableName: this.tableName,
      partition: inboxPartition(sub),
      sortKeyPrefix: INBOX_ENTRY_PREFIX,
      limit,
      ...(cursor ? { cursor } : {}),
      descending: true,
      map: (item) => plain<InboxEntry>(item),
    });
  }

  /**
   * Puts an entry in a user's inbox and counts it unread, once: `false` when it is there already (a redelivered
   * event). A concurrent change of the inbox state is `TransactionCancelled` naming `inbox` (the caller retries).
   */
  async addToInbox(entry: InboxEntry, state: InboxState): Promise<boolean> {
    try {
      await new TransactWrite(this.tableName)
        .put('entry', { ...entry, ...inboxEntryKey(entry.sub, entry.eventId) }, IF_ABSENT)
        .put(
          'inbox',
          { ...state, unread: state.unread + 1, version: state.version + 1, ...inboxStateKey(entry.sub) },
          ifAt(state.version),
        )
        .commit(this.db);
      return true;
    } catch (error) {
      if (error instanceof TransactionCancelled && error.failed('entry')) return false;
      throw error;
    }
  }

  /** Marks one entry read and counts it, if the inbox is still as read. */
  async markRead(entry: InboxEntry, state: InboxState, at: string): Promise<void> {
    await new TransactWrite(this.tableName)
      .put(
        'entry',
        { ...entry, readAt: at, ...inboxEntryKey(entry.sub, entry.eventId) },
        { expression: 'attribute_not_exists(readAt)' },
      )
      .put(
        'inbox',
        { ...state, unread: Math.max(0, state.unread - 1), version: state.version + 1, ...inboxStateKey(state.sub) },
        ifAt(state.version),
      )
      .commit(this.db);
  }

  /** Marks everything up to `newest` read at once (the state's watermark), if the inbox is still as read. */
  async markAllRead(state: InboxState, newest: string, at: string): Promise<void> {
    await new TransactWrite(this.tableName)
      .put(
        'inbox',
        {
          ...state,
          unread: 0,
          readUpTo: newest,
          readUpToAt: at,
          version: state.version + 1,
          ...inboxStateKey(state.sub),
        },
        ifAt(state.version),
      )
      .commit(this.db);
  }

  /** Records an e-mail to send with its event (outbox), once per delivery id: `false` when recorded already. */
  async addEmail(delivery: EmailDelivery, events: readonly AnyOutgoingEvent[], now: Date): Promise<boolean> {
    try {
      await new TransactWrite(this.tableName)
        .put('email', { ...delivery, ...emailKey(delivery.id) }, IF_ABSENT)
        .events(events, now)
        .commit(this.db);
      return true;
    } catch (error) {
      if (error instanceof TransactionCancelled && error.failed('email')) return false;
      throw error;
    }
  }

  email(id: string): Promise<EmailDelivery | undefined> {
    return this.get(emailKey(id));
  }

  /** Saves an e-mail delivery's next state if still at `readAt`. */
  async saveEmail(next: EmailDelivery, readAt: number): Promise<void> {
    await new TransactWrite(this.tableName)
      .put('email', { ...next, ...emailKey(next.id) }, ifAt(readAt))
      .commit(this.db);
  }

  name(kind: NameKind, id: string): Promise<KnownName | undefined> {
    return this.get(nameKey(kind, id));
  }

  /** Keeps a name, only if newer than the one kept (`version` is the producer's). */
  async keepName(kind: NameKind, id: string, known: KnownName): Promise<void> {
    try {
      await new TransactWrite(this.tableName)
        .put(
          'name',
          { ...known, ...nameKey(kind, id) },
          {
            expression: 'attribute_not_exists(pk) OR version < :version',
            values: { ':version': known.version },
          },
        )
        .commit(this.db);
    } catch (error) {
      if (!(error instanceof TransactionCancelled)) throw error;
    }
  }
}
