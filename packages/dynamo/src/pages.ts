import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type Page, Problem } from '@inovda/kernel';
import { decodeCursor, encodeCursor } from './cursor';

/** One page of a Query: a partition (of the table or an index), optionally narrowed to a sort-key prefix. */
export interface PageQuery<T> {
  readonly db: DynamoDBDocumentClient;
  readonly tableName: string;
  /** A global secondary index `gsiN` (its keys are `gsiNpk`/`gsiNsk`), or the table itself. */
  readonly index?: string;
  readonly partition: string;
  /** Only items whose sort key starts with this (e.g. `HISTORY#`). */
  readonly sortKeyPrefix?: string;
  readonly limit: number;
  readonly cursor?: string;
  /** Newest first (`ScanIndexForward: false`); oldest first by default. */
  readonly descending?: boolean;
  readonly consistentRead?: boolean;
  readonly map: (item: Record<string, unknown>) => T;
}

/**
 * Reads one page of a partition. The cursor is checked to belong to this very query (its partition and, with a
 * prefix, a sort key under that prefix), so a forged or foreign cursor is a 400, never a DynamoDB validation error
 * surfacing as a 500. One item more than the page is asked for: it only tells whether there is a next page, so the
 * last page never carries a cursor to an empty one; a Query DynamoDB stopped early at 1 MB still gets a cursor.
 */
export async function queryPage<T>(query: PageQuery<T>): Promise<Page<T>> {
  const pk = query.index ? `${query.index}pk` : 'pk';
  const sk = query.index ? `${query.index}sk` : 'sk';
  const keyAttributes = query.index ? ['pk', 'sk', pk, sk] : ['pk', 'sk'];
  const startKey = query.cursor
    ? decodeCursor(query.cursor, { attributes: keyAttributes, partition: { [pk]: query.partition } })
    : undefined;
  if (query.cursor && (!startKey || !String(startKey[sk]).startsWith(query.sortKeyPrefix ?? ''))) {
    throw new Problem('invalid-cursor');
  }
  const result = await query.db.send(
    new QueryCommand({
      TableName: query.tableName,
      ...(query.index ? { IndexName: query.index } : {}),
      KeyConditionExpression: query.sortKeyPrefix ? '#pk = :pk AND begins_with(#sk, :prefix)' : '#pk = :pk',
      ExpressionAttributeNames: query.sortKeyPrefix ? { '#pk': pk, '#sk': sk } : { '#pk': pk },
      ExpressionAttributeValues: query.sortKeyPrefix
        ? { ':pk': query.partition, ':prefix': query.sortKeyPrefix }
        : { ':pk': query.partition },
      ...(query.descending ? { ScanIndexForward: false } : {}),
      ...(query.consistentRead ? { ConsistentRead: true } : {}),
      Limit: query.limit + 1,
      ExclusiveStartKey: startKey,
    }),
  );
  const items = result.Items ?? [];
  const kept = items.slice(0, query.limit);
  const last = kept[kept.length - 1];
  const more = items.length > query.limit || result.LastEvaluatedKey !== undefined;
  const position = last ? Object.fromEntries(keyAttributes.map((name) => [name, last[name]])) : result.LastEvaluatedKey;
  return { items: kept.map(query.map), nextCursor: more ? encodeCursor(position) : null };
}

/** The entity without its storage attributes (keys and index keys). */
export function withoutStorage<T>(item: Record<string, unknown>, storageAttributes: readonly string[]): T {
  const copy: Record<string, unknown> = { ...item };
  for (const attribute of storageAttributes) delete copy[attribute];
  return copy as T;
}
