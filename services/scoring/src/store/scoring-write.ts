import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AnyOutgoingEvent } from '@inovda/contracts';
import { IF_ABSENT, TransactWrite } from '@inovda/dynamo';
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
  cycleKey,
  cycleTotalsKey,
  evaluationIndexKeys,
  evaluationKey,
  evaluatorIndexKeys,
  evaluatorKey,
  factsIndexKeys,
  factsKey,
  ifAt,
  opdTotalsKey,
  publishedIndexKeys,
  publishedKey,
  scoreKey,
  selfAssessmentKey,
} from './keys';
import type { PublishedResults } from './published';

/**
 * One transaction of the scoring service: every item it changes, each written only if it is still at the version
 * the use case read (so of two concurrent changes exactly one wins), with its events (outbox) and, for consumers,
 * the processed-event record. The only place items are put, with their keys.
 */
export class ScoringWrite {
  private readonly write: TransactWrite;
  private pendingOpd: OpdTotals | undefined;
  private pendingCycle: CycleTotals | undefined;

  constructor(
    private readonly db: DynamoDBDocumentClient,
    tableName: string,
  ) {
    this.write = new TransactWrite(tableName);
  }

  cycle(next: ScoringCycle, readAt: number): this {
    this.write.put('cycle', { ...next, ...cycleKey(next.id) }, ifAt(readAt));
    return this;
  }

  facts(next: InnovationFacts, readAt: number): this {
    this.write.put('facts', { ...next, ...factsKey(next.innovationId), ...factsIndexKeys(next) }, ifAt(readAt));
    return this;
  }

  selfAssessment(next: SelfAssessment, readAt: number): this {
    this.write.put('self-assessment', { ...next, ...selfAssessmentKey(next.innovationId) }, ifAt(readAt));
    return this;
  }

  evaluation(next: Evaluation, readAt: number): this {
    this.write.put(
      `evaluation:${next.evaluator.sub}`,
      { ...next, ...evaluationKey(next.innovationId, next.evaluator.sub), ...evaluationIndexKeys(next) },
      ifAt(readAt),
    );
    return this;
  }

  evaluator(next: Evaluator, readAt: number): this {
    this.write.put(
      `evaluator:${next.sub}`,
      { ...next, ...evaluatorKey(next.sub), ...evaluatorIndexKeys(next) },
      ifAt(readAt),
    );
    return this;
  }

  score(next: Score, readAt: number): this {
    this.write.put('score', { ...next, ...scoreKey(next.innovationId) }, ifAt(readAt));
    return this;
  }

  opdTotals(cycleId: string, next: OpdTotals): this {
    this.pendingOpd = next;
    this.write.put('opd-totals', { ...next, ...opdTotalsKey(cycleId, next.opdId) }, ifAt(next.version - 1));
    return this;
  }

  cycleTotals(cycleId: string, next: CycleTotals): this {
    this.pendingCycle = next;
    this.write.put('cycle-totals', { ...next, ...cycleTotalsKey(cycleId) }, ifAt(next.version - 1));
    return this;
  }

  /** The OPD row this write moves, as it will stand (a publication in the same write ranks with it). */
  pendingOpdTotals(): OpdTotals | undefined {
    return this.pendingOpd;
  }

  /** The cycle totals this write moves, as they will stand. */
  pendingCycleTotals(): CycleTotals | undefined {
    return this.pendingCycle;
  }

  /** Commits only if the cycle is still as read (not published meanwhile, readiness unchanged). */
  checkCycle(cycle: ScoringCycle): this {
    this.write.check('cycle', cycleKey(cycle.id), ifAt(cycle.version));
    return this;
  }

  /** Commits only if another evaluator's evaluation is still as read (so the last to submit always sees the others). */
  checkEvaluation(evaluation: Evaluation): this {
    this.write.check(
      `evaluation:${evaluation.evaluator.sub}`,
      evaluationKey(evaluation.innovationId, evaluation.evaluator.sub),
      ifAt(evaluation.version),
    );
    return this;
  }

  /** Commits only if the cycle's totals are still as read (no score counted meanwhile). */
  checkTotals(cycleId: string, version: number): this {
    this.write.check('cycle-totals', cycleTotalsKey(cycleId), ifAt(version));
    return this;
  }

  published(results: PublishedResults): this {
    this.write.put(
      'published',
      { ...results, ...publishedKey(results.cycleId, results.revision), ...publishedIndexKeys(results) },
      IF_ABSENT,
    );
    return this;
  }

  events(events: readonly AnyOutgoingEvent[], now: Date): this {
    this.write.events(events, now);
    return this;
  }

  processed(consumer: string, eventId: string, now: Date): this {
    this.write.processed(consumer, eventId, now);
    return this;
  }

  /**
   * Commits; a failed condition is a `TransactionCancelled` naming the items (`processed`: a redelivery; an
   * `evaluation:<sub>` or `evaluator:<sub>` item by its evaluator).
   */
  async commit(): Promise<void> {
    if (this.write.size > 0) await this.write.commit(this.db);
  }
}
