import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { decodeCursor, outboxPut } from '@inovda/dynamo';
import { Problem } from '@inovda/lambda-kit';
import type { Cycle } from '../domain/cycle';
import { type AnyEvent, cancellationCodes, type Page, pageOf, type TransactItems, withoutStorage } from './common';
import { CYCLES_PARTITION, cycleIndexKeys, cycleKey } from './keys';

/**
 * Programme cycles. Each method is a fixed, small number of
 * DynamoDB calls (GetItem, Query bounded by a page size, one TransactWriteItems); none scans.
 */
export class CycleStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(id: string): Promise<Cycle | undefined> {
    const result = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: cycleKey(id), ConsistentRead: true }),
    );
    return result.Item ? withoutStorage<Cycle>(result.Item) : undefined;
  }

  /** Creates a cycle (no event: a planned cycle concerns nobody until it opens). */
  async create(cycle: Cycle): Promise<void> {
    await this.db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: this.tableName,
              Item: { ...cycle, ...cycleKey(cycle.id), ...cycleIndexKeys(cycle) },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ],
      }),
    );
  }

  /**
   * Replaces a cycle with its next version if and only if it is still at `expectedVersion`, with its event if it
   * has one. A lost race becomes a 412 carrying the version that won.
   */
  async save(next: Cycle, expectedVersion: number, event?: AnyEvent): Promise<void> {
    const items: TransactItems = [
      {
        Put: {
          TableName: this.tableName,
          Item: { ...next, ...cycleKey(next.id), ...cycleIndexKeys(next) },
          ConditionExpression: 'version = :expected',
          ExpressionAttributeValues: { ':expected': expectedVersion },
        },
      },
    ];
    if (event) items.push(outboxPut(this.tableName, event, new Date(next.updatedAt)));
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      if (cancellationCodes(error)?.[0] === 'ConditionalCheckFailed') {
        const current = await this.get(next.id);
        throw new Problem(
          'version-mismatch',
          { detail: 'Siklus sudah diubah pihak lain.', currentVersion: current?.version ?? null },
          current ? { etag: `"${current.version}"` } : {},
        );
      }
      throw error;
    }
  }

  /** One page of cycles, newest year first. */
  async list(limit: number, cursor?: string): Promise<Page<Cycle>> {
    const attributes = ['pk', 'sk', 'gsi1pk', 'gsi1sk'];
    const startKey = cursor ? decodeCursor(cursor, { attributes, partition: { gsi1pk: CYCLES_PARTITION } }) : undefined;
    if (cursor && !startKey) throw new Problem('invalid-cursor');
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': CYCLES_PARTITION },
        ScanIndexForward: false,
        Limit: limit + 1,
        ExclusiveStartKey: startKey,
      }),
    );
    return pageOf(result.Items ?? [], limit, attributes, (item) => withoutStorage<Cycle>(item));
  }
}
