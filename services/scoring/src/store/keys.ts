import { type Condition, IF_ABSENT, ifVersion } from '@inovda/dynamo';

/**
 * Every key of the scoring table, built here and nowhere else.
 *
 * | item                     | pk                   | sk                  | gsi1 (lists)                                   |
 * |--------------------------|----------------------|---------------------|------------------------------------------------|
 * | cycle                    | CYCLE#<id>           | CYCLE               |                                                |
 * | cycle totals             | CYCLE#<id>           | TOTALS              |                                                |
 * | OPD totals of a cycle    | CYCLE#<id>           | OPD#<opdId>         |                                                |
 * | published results        | CYCLE#<id>           | PUBLISHED#<000001>  | PUBLISHED / <publishedAt>#<cycleId>            |
 * | innovation facts         | INNOVATION#<id>      | FACTS               | CYCLE#<cycleId>#INNOVATIONS / <registered>#<id> |
 * | self-assessment          | INNOVATION#<id>      | SELF_ASSESSMENT     |                                                |
 * | evaluation (assignment)  | INNOVATION#<id>      | EVALUATION#<sub>    | EVALUATOR#<sub> / <assignedAt>#<id>            |
 * | score                    | INNOVATION#<id>      | SCORE               |                                                |
 * | evaluator                | EVALUATOR#<sub>      | EVALUATOR           | EVALUATORS / <username>                        |
 * | processed event          | PROCESSED#<c>#<eid>  | PROCESSED           |                                                |
 * | outbox row               | OUTBOX#<eventId>     | OUTBOX              |                                                |
 *
 * Reading a ranking is one Query of the cycle's OPD rows (bounded by the region's OPDs) and the index one GetItem
 * of the totals, whatever the number of innovations: both are kept by the writes that change a score. An OPD row
 * holds the score of each of its counted innovations (a few dozen bytes each, so an OPD stays far below the item
 * limit with thousands of innovations); the cycle totals hold only sums and counts.
 */

export const STORAGE_ATTRIBUTES = ['pk', 'sk', 'gsi1pk', 'gsi1sk'] as const;

export function cycleKey(id: string) {
  return { pk: `CYCLE#${id}`, sk: 'CYCLE' };
}

export function cycleTotalsKey(id: string) {
  return { pk: `CYCLE#${id}`, sk: 'TOTALS' };
}

export const OPD_TOTALS_PREFIX = 'OPD#';

export function opdTotalsKey(cycleId: string, opdId: string) {
  return { pk: `CYCLE#${cycleId}`, sk: `${OPD_TOTALS_PREFIX}${opdId}` };
}

export function publishedKey(cycleId: string, revision: number) {
  return { pk: `CYCLE#${cycleId}`, sk: `PUBLISHED#${String(revision).padStart(6, '0')}` };
}

/** Every publication of every cycle, by when (the public list of published rankings). */
export const PUBLISHED_PARTITION = 'PUBLISHED';

export function publishedIndexKeys(results: { cycleId: string; publishedAt: string }) {
  return { gsi1pk: PUBLISHED_PARTITION, gsi1sk: `${results.publishedAt}#${results.cycleId}` };
}

export function factsKey(innovationId: string) {
  return { pk: `INNOVATION#${innovationId}`, sk: 'FACTS' };
}

export function cycleInnovationsPartition(cycleId: string): string {
  return `CYCLE#${cycleId}#INNOVATIONS`;
}

/** Registered innovations of a cycle, oldest registration first (the balanced rule, the CSV export). */
export function factsIndexKeys(facts: { innovationId: string; cycleId?: string; registeredAt?: string }) {
  if (facts.cycleId === undefined || facts.registeredAt === undefined) return {};
  return {
    gsi1pk: cycleInnovationsPartition(facts.cycleId),
    gsi1sk: `${facts.registeredAt}#${facts.innovationId}`,
  };
}

export function selfAssessmentKey(innovationId: string) {
  return { pk: `INNOVATION#${innovationId}`, sk: 'SELF_ASSESSMENT' };
}

export const EVALUATION_PREFIX = 'EVALUATION#';

export function evaluationKey(innovationId: string, sub: string) {
  return { pk: `INNOVATION#${innovationId}`, sk: `${EVALUATION_PREFIX}${sub}` };
}

export function innovationPartition(innovationId: string): string {
  return `INNOVATION#${innovationId}`;
}

export function evaluatorAssignmentsPartition(sub: string): string {
  return `EVALUATOR#${sub}`;
}

export function evaluationIndexKeys(evaluation: {
  innovationId: string;
  evaluator: { sub: string };
  assignedAt: string;
}) {
  return {
    gsi1pk: evaluatorAssignmentsPartition(evaluation.evaluator.sub),
    gsi1sk: `${evaluation.assignedAt}#${evaluation.innovationId}`,
  };
}

export function scoreKey(innovationId: string) {
  return { pk: `INNOVATION#${innovationId}`, sk: 'SCORE' };
}

export function evaluatorKey(sub: string) {
  return { pk: `EVALUATOR#${sub}`, sk: 'EVALUATOR' };
}

export const EVALUATORS_PARTITION = 'EVALUATORS';

export function evaluatorIndexKeys(evaluator: { sub: string; username: string }) {
  return { gsi1pk: EVALUATORS_PARTITION, gsi1sk: `${evaluator.username}#${evaluator.sub}` };
}

/** The condition of a write over what was read at `version` (0: the item did not exist). */
export function ifAt(version: number): Condition {
  return version === 0 ? IF_ABSENT : ifVersion(version);
}
