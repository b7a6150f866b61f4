import { type DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { queryPage, withoutStorage } from '@inovda/dynamo';
import type { Page } from '@inovda/kernel';
import type {
  CycleTotals,
  Evaluation,
  Evaluator,
  InnovationFacts,
  OpdTotals,
  Score,
  ScoringCycle,
  SelfAssessment,
} from '../domain/model';
import {
  cycleInnovationsPartition,
  cycleKey,
  cycleTotalsKey,
  EVALUATION_PREFIX,
  EVALUATORS_PARTITION,
  evaluatorAssignmentsPartition,
  evaluatorKey,
  factsKey,
  innovationPartition,
  OPD_TOTALS_PREFIX,
  opdTotalsKey,
  PUBLISHED_PARTITION,
  publishedKey,
  STORAGE_ATTRIBUTES,
  scoreKey,
  selfAssessmentKey,
} from './keys';
import type { PublishedResults } from './published';

const plain = <T>(item: Record<string, unknown>): T => withoutStorage<T>(item, STORAGE_ATTRIBUTES);

/**
 * Every read of the scoring table: GetItems, and Queries that are bounded (an innovation's evaluations, a cycle's
 * OPD rows, the region's evaluators) or paged. Strongly consistent where a write follows the read.
 */
export class ScoringReads {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  private async get<T>(key: { pk: string; sk: string }): Promise<T | undefined> {
    const result = await this.db.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }));
    return result.Item ? plain<T>(result.Item) : undefined;
  }

  /** Every item of a partition under a sort-key prefix, following pages (callers bound the partition). */
  private async all<T>(partition: string, prefix: string, index?: string): Promise<T[]> {
    const items: T[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const pk = index ? `${index}pk` : 'pk';
      const sk = index ? `${index}sk` : 'sk';
      const result = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          ...(index ? { IndexName: index } : { ConsistentRead: true }),
          // DynamoDB refuses begins_with on an empty prefix: a whole partition is the key condition alone.
          KeyConditionExpression: prefix ? '#pk = :pk AND begins_with(#sk, :prefix)' : '#pk = :pk',
          ExpressionAttributeNames: prefix ? { '#pk': pk, '#sk': sk } : { '#pk': pk },
          ExpressionAttributeValues: prefix ? { ':pk': partition, ':prefix': prefix } : { ':pk': partition },
          ExclusiveStartKey: start,
        }),
      );
      items.push(...(result.Items ?? []).map((item) => plain<T>(item)));
      start = result.LastEvaluatedKey;
    } while (start);
    return items;
  }

  cycle(id: string): Promise<ScoringCycle | undefined> {
    return this.get(cycleKey(id));
  }

  cycleTotals(id: string): Promise<CycleTotals | undefined> {
    return this.get(cycleTotalsKey(id));
  }

  /** Every OPD row of a cycle's totals: one Query bounded by the region's OPDs, whatever the innovations. */
  opdTotals(cycleId: string): Promise<OpdTotals[]> {
    return this.all(`CYCLE#${cycleId}`, OPD_TOTALS_PREFIX);
  }

  /** One OPD's row: a GetItem (moving a score reads only its own OPD's row, not the cycle's every row). */
  oneOpdTotals(cycleId: string, opdId: string): Promise<OpdTotals | undefined> {
    return this.get(opdTotalsKey(cycleId, opdId));
  }

  /**
   * The latest publication of each cycle, newest first. The index holds every revision; a correction republishes
   * rarely, so the cycles of a region (one a year) and their revisions stay a small partition, read whole.
   */
  async latestPublications(): Promise<PublishedResults[]> {
    const all = await this.all<PublishedResults>(PUBLISHED_PARTITION, '', 'gsi1');
    const latest = new Map<string, PublishedResults>();
    for (const results of all) {
      const seen = latest.get(results.cycleId);
      if (!seen || seen.revision < results.revision) latest.set(results.cycleId, results);
    }
    return [...latest.values()].sort((a, b) => b.publishedAt.localeCompare(a.publishedAt));
  }

  published(cycleId: string, revision: number): Promise<PublishedResults | undefined> {
    return this.get(publishedKey(cycleId, revision));
  }

  facts(innovationId: string): Promise<InnovationFacts | undefined> {
    return this.get(factsKey(innovationId));
  }

  selfAssessment(innovationId: string): Promise<SelfAssessment | undefined> {
    return this.get(selfAssessmentKey(innovationId));
  }

  /** The evaluations of one innovation: a handful (at most five evaluators each). */
  evaluations(innovationId: string): Promise<Evaluation[]> {
    return this.all(innovationPartition(innovationId), EVALUATION_PREFIX);
  }

  score(innovationId: string): Promise<Score | undefined> {
    return this.get(scoreKey(innovationId));
  }

  evaluator(sub: string): Promise<Evaluator | undefined> {
    return this.get(evaluatorKey(sub));
  }

  /** The region's evaluators (tens, not thousands). */
  evaluators(): Promise<Evaluator[]> {
    return this.all(EVALUATORS_PARTITION, '', 'gsi1');
  }

  /** The registered innovations of a cycle, oldest registration first (an operator's action, paged through). */
  cycleInnovations(cycleId: string): Promise<InnovationFacts[]> {
    return this.all(cycleInnovationsPartition(cycleId), '', 'gsi1');
  }

  /** One page of an evaluator's assignments, newest first. */
  myAssignments(sub: string, limit: number, cursor?: string): Promise<Page<Evaluation>> {
    return queryPage({
      db: this.db,
      tableName: this.tableName,
      index: 'gsi1',
      partition: evaluatorAssignmentsPartition(sub),
      limit,
      ...(cursor ? { cursor } : {}),
      descending: true,
      map: (item) => plain<Evaluation>(item),
    });
  }
}
