import { type DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AnyOutgoingEvent } from '@inovda/contracts';
import {
  addClaim,
  claimedBefore,
  commitClaimed,
  type IdempotencyClaim,
  IF_ABSENT,
  queryPage,
  TransactionCancelled,
  TransactWrite,
  withoutStorage,
} from '@inovda/dynamo';
import type { Page } from '@inovda/kernel';
import type { WebhookDelivery, WebhookEndpoint } from '../domain/model';
import {
  DELIVERY_PREFIX,
  deliveryKey,
  deliveryPartition,
  ifAt,
  opdPartition,
  RETRY_PARTITION,
  retryIndexKeys,
  STORAGE_ATTRIBUTES,
  WEBHOOK_PREFIX,
  webhookKey,
} from './keys';

const plain = <T>(item: Record<string, unknown>): T => withoutStorage<T>(item, STORAGE_ATTRIBUTES);

/**
 * OPDs' webhook endpoints and their deliveries: an OPD's endpoints are one partition (a handful), an endpoint's
 * deliveries another (paged, newest first: their ids are event ids, ULIDs), and deliveries due for a retry are in
 * a sparse index by due time. Every write is conditional on the version read, or on the item being absent.
 */
export class WebhookStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  private async get<T>(key: { pk: string; sk: string }): Promise<T | undefined> {
    const result = await this.db.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }));
    return result.Item ? plain<T>(result.Item) : undefined;
  }

  endpoint(opdId: string, webhookId: string): Promise<WebhookEndpoint | undefined> {
    return this.get(webhookKey(opdId, webhookId));
  }

  /** Every endpoint of an OPD, deleted ones included (the caller filters). */
  async endpoints(opdId: string): Promise<WebhookEndpoint[]> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': opdPartition(opdId), ':prefix': WEBHOOK_PREFIX },
        ConsistentRead: true,
      }),
    );
    return (result.Items ?? []).map((item) => plain<WebhookEndpoint>(item));
  }

  /** Saves an endpoint if still at `readAt` (0: new), with events; else `TransactionCancelled` naming `endpoint`. */
  /**
   * Registers a new endpoint. With an idempotency claim, the claim is written in the same transaction; if it exists
   * already, `IdempotencyConflict` says for what.
   */
  async createEndpoint(endpoint: WebhookEndpoint, claim?: IdempotencyClaim): Promise<void> {
    const write = new TransactWrite(this.tableName).put(
      'endpoint',
      { ...endpoint, ...webhookKey(endpoint.opdId, endpoint.id) },
      IF_ABSENT,
    );
    if (claim) addClaim(write, claim, endpoint.id, new Date(endpoint.createdAt));
    await commitClaimed(this.db, this.tableName, write, claim);
  }

  /** What an idempotency key was first used for (see `createEndpoint`), or undefined for a new key. */
  claimed(claim: IdempotencyClaim) {
    return claimedBefore(this.db, this.tableName, claim);
  }

  async saveEndpoint(next: WebhookEndpoint, readAt: number, events: readonly AnyOutgoingEvent[] = [], now?: Date) {
    const write = new TransactWrite(this.tableName).put(
      'endpoint',
      { ...next, ...webhookKey(next.opdId, next.id) },
      ifAt(readAt),
    );
    if (events.length > 0) write.events(events, now ?? new Date());
    await write.commit(this.db);
  }

  delivery(webhookId: string, deliveryId: string): Promise<WebhookDelivery | undefined> {
    return this.get(deliveryKey(webhookId, deliveryId));
  }

  deliveries(webhookId: string, limit: number, cursor?: string): Promise<Page<WebhookDelivery>> {
    return queryPage({
      db: this.db,
      tableName: this.tableName,
      partition: deliveryPartition(webhookId),
      sortKeyPrefix: DELIVERY_PREFIX,
      limit,
      ...(cursor ? { cursor } : {}),
      descending: true,
      map: (item) => plain<WebhookDelivery>(item),
    });
  }

  /** Records a delivery with its request event, once per event and endpoint: `false` when it exists already. */
  async addDelivery(delivery: WebhookDelivery, events: readonly AnyOutgoingEvent[], now: Date): Promise<boolean> {
    try {
      await new TransactWrite(this.tableName)
        .put(
          'delivery',
          { ...delivery, ...deliveryKey(delivery.webhookId, delivery.id), ...retryIndexKeys(delivery) },
          IF_ABSENT,
        )
        .events(events, now)
        .commit(this.db);
      return true;
    } catch (error) {
      if (error instanceof TransactionCancelled && error.failed('delivery')) return false;
      throw error;
    }
  }

  /**
   * Saves a delivery (after an attempt, a replay) if still at `readAt`, with its endpoint when that changed too
   * (health counters, disabled) and events; `TransactionCancelled` names what moved.
   */
  async saveDelivery(
    next: WebhookDelivery,
    readAt: number,
    endpoint?: { next: WebhookEndpoint; readAt: number },
    events: readonly AnyOutgoingEvent[] = [],
    now?: Date,
  ): Promise<void> {
    const write = new TransactWrite(this.tableName).put(
      'delivery',
      { ...next, ...deliveryKey(next.webhookId, next.id), ...retryIndexKeys(next) },
      ifAt(readAt),
    );
    if (endpoint) {
      write.put(
        'endpoint',
        { ...endpoint.next, ...webhookKey(endpoint.next.opdId, endpoint.next.id) },
        ifAt(endpoint.readAt),
      );
    }
    if (events.length > 0) write.events(events, now ?? new Date());
    await write.commit(this.db);
  }

  /** Deliveries whose retry is due by `now`, oldest first, at most `limit`. */
  async dueRetries(now: Date, limit: number): Promise<WebhookDelivery[]> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk <= :now',
        ExpressionAttributeValues: { ':pk': RETRY_PARTITION, ':now': `${now.toISOString()}#\uffff` },
        Limit: limit,
      }),
    );
    return (result.Items ?? []).map((item) => plain<WebhookDelivery>(item));
  }
}
