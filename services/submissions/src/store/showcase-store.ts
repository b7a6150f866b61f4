import { BatchGetCommand, type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import {
  type Applied,
  PROCESSED_ITEM,
  type Processing,
  queryPage,
  TransactionCancelled,
  TransactWrite,
  withoutStorage,
} from '@inovda/dynamo';
import type { Page } from '@inovda/kernel';
import type { Innovation } from '../domain/innovation';
import {
  innovationKey,
  SHOWCASE_PARTITION,
  STORAGE_ATTRIBUTES,
  showcaseIndexKeys,
  showcaseKey,
  showcaseOpdPartition,
} from './keys';

/** That an innovation reached Display, and when: all a showcase entry holds. */
export interface ShowcaseEntry {
  readonly innovationId: string;
  readonly opdId: string;
  readonly launchedAt: string;
}

/** A showcase entry with the innovation as it stands now (its profile is read, never copied). */
export interface Showcased {
  readonly entry: ShowcaseEntry;
  readonly innovation: Innovation;
}

const toEntry = (item: Record<string, unknown>): ShowcaseEntry => ({
  innovationId: String(item.innovationId),
  opdId: String(item.opdId),
  launchedAt: String(item.launchedAt),
});

/** The public showcase: which innovations were launched (InnovationLaunched), newest launch first. */
export class ShowcaseStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Records a launch, once per event (a track launches once; a copy of the event writes the same entry again). */
  async launched(entry: ShowcaseEntry, processing: Processing, now: Date): Promise<Applied> {
    try {
      await new TransactWrite(this.tableName)
        .put('showcase', { ...showcaseKey(entry.innovationId), ...entry, ...showcaseIndexKeys(entry) })
        .processed(processing.consumer, processing.eventId, now)
        .commit(this.db);
      return 'applied';
    } catch (error) {
      if (error instanceof TransactionCancelled && error.failed(PROCESSED_ITEM)) return 'duplicate';
      throw error;
    }
  }

  /** One launched innovation with its profile, or undefined if it was never launched. */
  async get(innovationId: string): Promise<Showcased | undefined> {
    const [entry, innovation] = await Promise.all(
      [showcaseKey(innovationId), innovationKey(innovationId)].map(async (key) => {
        const result = await this.db.send(new GetCommand({ TableName: this.tableName, Key: key }));
        return result.Item;
      }),
    );
    if (!entry || !innovation) return undefined;
    return { entry: toEntry(entry), innovation: withoutStorage<Innovation>(innovation, STORAGE_ATTRIBUTES) };
  }

  /**
   * One page of the showcase (one OPD's, or everyone's), newest launch first: one Query of the entries, then one
   * BatchGetItem of their profiles (a page is at most 100, BatchGetItem's own limit).
   */
  async page(opdId: string | undefined, limit: number, cursor?: string): Promise<Page<Showcased>> {
    const entries = await queryPage({
      db: this.db,
      tableName: this.tableName,
      ...(opdId
        ? { index: 'gsi1', partition: showcaseOpdPartition(opdId) }
        : { index: 'gsi2', partition: SHOWCASE_PARTITION }),
      descending: true,
      limit,
      ...(cursor ? { cursor } : {}),
      map: toEntry,
    });
    const profiles = await this.profiles(entries.items.map((entry) => entry.innovationId));
    return {
      items: entries.items.flatMap((entry) => {
        const innovation = profiles.get(entry.innovationId);
        return innovation ? [{ entry, innovation }] : [];
      }),
      nextCursor: entries.nextCursor,
    };
  }

  /** The profiles of `ids`, following BatchGetItem's unprocessed keys until every one is read. */
  private async profiles(ids: readonly string[]): Promise<Map<string, Innovation>> {
    const found = new Map<string, Innovation>();
    let keys: Record<string, unknown>[] = ids.map(innovationKey);
    for (let attempt = 0; keys.length > 0; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, 50 * 2 ** attempt)));
      const result = await this.db.send(new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys } } }));
      for (const item of result.Responses?.[this.tableName] ?? []) {
        const innovation = withoutStorage<Innovation>(item, STORAGE_ATTRIBUTES);
        found.set(innovation.id, innovation);
      }
      keys = (result.UnprocessedKeys?.[this.tableName]?.Keys ?? []) as Record<string, unknown>[];
    }
    return found;
  }
}
