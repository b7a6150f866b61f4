import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
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
    const [entry, innovation] = await Promise.all([
      this.db.send(new GetCommand({ TableName: this.tableName, Key: showcaseKey(innovationId) })),
      this.profile(innovationId),
    ]);
    return entry.Item && innovation ? { entry: toEntry(entry.Item), innovation } : undefined;
  }

  /**
   * One page of the showcase (one OPD's, or everyone's), newest launch first: one Query of the entries, then the
   * profiles by GetItem, in parallel (a page is 20 by default, 100 at most). GetItem rather than BatchGetItem: the
   * table grants reads as GetItem and Query only, and a page this size gains little from batching.
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
    const profiles = await Promise.all(entries.items.map((entry) => this.profile(entry.innovationId)));
    return {
      items: entries.items.flatMap((entry, index) => {
        const innovation = profiles[index];
        return innovation ? [{ entry, innovation }] : [];
      }),
      nextCursor: entries.nextCursor,
    };
  }

  private async profile(innovationId: string): Promise<Innovation | undefined> {
    const result = await this.db.send(new GetCommand({ TableName: this.tableName, Key: innovationKey(innovationId) }));
    return result.Item ? withoutStorage<Innovation>(result.Item, STORAGE_ATTRIBUTES) : undefined;
  }
}
