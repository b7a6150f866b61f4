import type { ActorRef, Stage } from '@inovda/contracts';
import type { VerifiedLevel } from './levels';

/**
 * What the scoring service keeps, as plain data. The API shapes (views) are in @inovda/contracts; these add what the
 * service needs and does not show (versions of what it learnt from events, the score as last counted in the totals).
 */

export type { VerifiedLevel };

/** A programme cycle as scoring knows it (from CycleOpened): its edition is fixed when it opens. */
export interface ScoringCycle {
  readonly id: string;
  readonly name: string;
  readonly year: number;
  readonly editionId: string;
  readonly openedAt: string;
  /** The region readiness (SPD) rows entered by the coordinator, by row code. */
  readonly readiness: Readonly<Record<string, VerifiedLevel>>;
  readonly published?: { readonly revision: number; readonly publishedAt: string };
  readonly version: number;
}

export interface EvidenceLink {
  readonly url: string;
  readonly title?: string;
}

/** An innovation as scoring learnt it from the submissions and workflow events; each part guarded by its version. */
export interface InnovationFacts {
  readonly innovationId: string;
  readonly opdId: string;
  readonly name: string;
  /** The cycle it is registered in (absent: not registered, or its registration was reverted). */
  readonly cycleId?: string;
  readonly registeredAt?: string;
  /** The submissions version of the last registration event applied. */
  readonly registrationVersion: number;
  /** The submissions version of the last profile applied (0: none yet). */
  readonly profileVersion: number;
  readonly evidence: Readonly<Record<string, readonly EvidenceLink[]>>;
  readonly governmentAffairs: readonly string[];
  /** The furthest stage its track reached (from StageAdvanced), and the track version that said so. */
  readonly stage: Stage;
  readonly trackVersion: number;
  readonly withdrawn: boolean;
  /** Optimistic-lock version of this projection item (every applied event bumps it). */
  readonly version: number;
}

export interface Claim {
  readonly indicator: string;
  readonly level: 1 | 2 | 3;
  readonly evidence: readonly EvidenceLink[];
  readonly basis?: string;
}

export interface SelfAssessment {
  readonly innovationId: string;
  readonly opdId: string;
  readonly cycleId: string;
  readonly editionId: string;
  readonly status: 'draft' | 'submitted';
  readonly claims: readonly Claim[];
  readonly claimedScore: number;
  readonly version: number;
  readonly updatedAt: string;
  readonly updatedBy: ActorRef;
  readonly submittedAt?: string;
}

export interface EvaluatorRef {
  readonly sub: string;
  readonly username: string;
}

/** An evaluator who declared their conflicts; `assigned` counts their assignments (the balanced rule's load). */
export interface Evaluator extends EvaluatorRef {
  readonly opdId?: string;
  readonly conflicts: { readonly opdIds: readonly string[]; readonly innovationIds: readonly string[] };
  readonly assigned: number;
  readonly updatedAt: string;
  readonly version: number;
}

export interface Decision {
  readonly indicator: string;
  readonly decision: 'accept' | 'lower' | 'reject';
  readonly claimedLevel: 1 | 2 | 3;
  readonly level: VerifiedLevel;
  readonly reason?: string;
}

/** One evaluator's assignment to an innovation and their verification of it (one item: they change together). */
export interface Evaluation {
  readonly innovationId: string;
  readonly opdId: string;
  readonly cycleId: string;
  readonly name: string;
  readonly evaluator: EvaluatorRef;
  readonly how: 'manual' | 'automatic';
  readonly assignedAt: string;
  readonly status: 'assigned' | 'submitted';
  readonly decisions: readonly Decision[];
  readonly version: number;
  readonly updatedAt?: string;
  readonly submittedAt?: string;
}

/** How one indicator's level was settled. */
export interface ScoredIndicator {
  readonly indicator: string;
  readonly claimedLevel?: 1 | 2 | 3;
  readonly level: VerifiedLevel;
  readonly decidedBy: 'evaluators' | 'calibration' | 'correction';
  readonly flagged: boolean;
  readonly reason?: string;
  readonly evaluators: ReadonlyArray<{ readonly evaluator: EvaluatorRef; readonly level: VerifiedLevel }>;
}

/**
 * An innovation's score. `counted` is what the cycle's totals hold for it (absent: not counted), so a change moves
 * the totals by the difference and a replayed change moves them by nothing.
 */
export interface Score {
  readonly innovationId: string;
  readonly opdId: string;
  readonly cycleId: string;
  readonly editionId: string;
  readonly status: 'pending' | 'flagged' | 'scored';
  readonly revision: number;
  readonly total: number;
  readonly indicators: readonly ScoredIndicator[];
  readonly updatedAt: string;
  readonly counted?: CountedScore;
  readonly version: number;
}

/** An innovation as the cycle's totals count it. */
export interface CountedScore {
  readonly score: number;
  readonly registeredAt: string;
  readonly affairs: readonly string[];
}

/** An OPD's row of a cycle's totals: the score of each of its counted innovations. */
export interface OpdTotals {
  readonly opdId: string;
  readonly innovations: Readonly<Record<string, { readonly score: number; readonly registeredAt: string }>>;
  readonly version: number;
}

/** A cycle's region-wide totals: bounded whatever the number of innovations (sums and counts only). */
export interface CycleTotals {
  readonly sumScores: number;
  readonly count: number;
  /** Scored innovations per government affair (coverage of the basic-service affairs). */
  readonly affairs: Readonly<Record<string, number>>;
  readonly version: number;
}
