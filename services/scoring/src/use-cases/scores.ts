import { IncentiveShortlisted, InnovationScored, RankingPublished, ScoreDisagreementFlagged } from '@inovda/contracts';
import {
  type Acting,
  actorRef,
  assertImpartial,
  eventContext,
  hasAnyRole,
  Problem,
  STAFF_ROLES,
  type SystemActing,
} from '@inovda/kernel';
import type {
  CountedScore,
  Evaluation,
  InnovationFacts,
  Score,
  ScoringCycle,
  SelfAssessment,
  VerifiedLevel,
} from '../domain/model';
import { indexOf, rankingOf } from '../domain/results';
import type { ScoringEdition } from '../domain/scoring-edition';
import { EMPTY_CYCLE_TOTALS, emptyOpdTotals, moveTotals } from '../domain/totals';
import { settleIndicators, settleOne, statusOf, totalOf } from '../domain/verification';
import type { ScoringWrite } from '../store/scoring-write';
import { assertNotBlind } from './blind-review';
import {
  cycleOfInnovation,
  type Deps,
  type EditionDeps,
  editionOf,
  type ScoringDeps,
  visibleInnovation,
} from './context';
import { retryingConflicts } from './retry';

/** The counted form of a score: counted only when scored, in its cycle and not withdrawn. */
function countedOf(facts: InnovationFacts, score: Score): CountedScore | undefined {
  if (score.status !== 'scored' || facts.withdrawn || facts.cycleId !== score.cycleId || !facts.registeredAt) {
    return undefined;
  }
  return { score: score.total, registeredAt: facts.registeredAt, affairs: [...facts.governmentAffairs].sort() };
}

function sameCounted(a: CountedScore | undefined, b: CountedScore | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * Moves the cycle's totals to count `score` as it now stands (or not at all), in the same write; returns the score
 * with what it is now counted as. Reading the OPD row and the totals here, and writing them only if unchanged,
 * is what keeps the ranking and the index equal to the sum of the scores under concurrent changes.
 */
async function countInto(deps: Deps, write: ScoringWrite, facts: InnovationFacts, score: Score): Promise<Score> {
  const target = countedOf(facts, score);
  if (sameCounted(score.counted, target)) return score;
  const [opdRow, totals] = await Promise.all([
    deps.reads.oneOpdTotals(score.cycleId, score.opdId),
    deps.reads.cycleTotals(score.cycleId),
  ]);
  const moved = moveTotals(
    opdRow ?? emptyOpdTotals(score.opdId),
    totals ?? EMPTY_CYCLE_TOTALS,
    score.innovationId,
    score.counted,
    target,
  );
  write.opdTotals(score.cycleId, moved.opd).cycleTotals(score.cycleId, moved.cycle);
  const { counted: _previous, ...rest } = score;
  return target ? { ...rest, counted: target } : rest;
}

function scoredEvent(
  deps: EditionDeps,
  actor: Acting | SystemActing,
  score: Score,
  now: Date,
  correction?: { reason: string; acting: Acting },
) {
  const edition = deps.editions(score.editionId);
  return InnovationScored.create(
    {
      innovationId: score.innovationId,
      opdId: score.opdId,
      cycleId: score.cycleId,
      editionId: score.editionId,
      revision: score.revision,
      score: score.total,
      indicators: score.indicators
        .filter((indicator) => indicator.level > 0)
        .map((indicator) => {
          const weight = edition?.innovation.indicators.find((spec) => spec.code === indicator.indicator)?.weight ?? 0;
          return {
            indicator: indicator.indicator,
            level: indicator.level as 1 | 2 | 3,
            weight,
            score: weight * indicator.level,
          };
        }),
      scoredAt: now.toISOString(),
      ...(correction ? { correction: { reason: correction.reason, by: actorRef(correction.acting) } } : {}),
    },
    eventContext(deps.regionId, actor, now),
  );
}

/**
 * Settles an innovation's score once every assigned evaluator has submitted, into `write`: the levels (median or
 * minimum), flags, the total, its events (ScoreDisagreementFlagged when it needs calibration, InnovationScored when
 * it is scored) and the totals moved. Nothing while evaluations are outstanding.
 */
export async function settleAfterEvaluations(
  deps: ScoringDeps,
  write: ScoringWrite,
  actor: Acting | SystemActing,
  input: {
    readonly facts: InnovationFacts;
    readonly edition: ScoringEdition;
    readonly selfAssessment: SelfAssessment;
    readonly evaluations: readonly Evaluation[];
    readonly previous: Score | undefined;
  },
): Promise<Score | undefined> {
  const { facts, edition, selfAssessment, evaluations, previous } = input;
  if (evaluations.length === 0 || !evaluations.every((evaluation) => evaluation.status === 'submitted'))
    return undefined;
  const now = new Date(deps.now());
  const indicators = settleIndicators(
    edition,
    selfAssessment.claims,
    evaluations,
    deps.aggregation,
    previous?.indicators,
  );
  const status = statusOf(indicators);
  const total = totalOf(edition, indicators);
  const changed = status === 'scored' && (previous?.status !== 'scored' || previous.total !== total);
  const next: Score = {
    innovationId: facts.innovationId,
    opdId: facts.opdId,
    cycleId: selfAssessment.cycleId,
    editionId: edition.id,
    status,
    revision: (previous?.revision ?? 0) + (changed ? 1 : 0),
    total,
    indicators,
    updatedAt: now.toISOString(),
    ...(previous?.counted ? { counted: previous.counted } : {}),
    version: (previous?.version ?? 0) + 1,
  };
  const counted = await countInto(deps, write, facts, next);
  write.score(counted, previous?.version ?? 0);
  if (status === 'flagged' && previous?.status !== 'flagged') {
    write.events(
      [
        ScoreDisagreementFlagged.create(
          {
            innovationId: facts.innovationId,
            opdId: facts.opdId,
            cycleId: next.cycleId,
            indicators: indicators.filter((indicator) => indicator.flagged).map((indicator) => indicator.indicator),
            flaggedAt: now.toISOString(),
          },
          eventContext(deps.regionId, actor, now),
        ),
      ],
      now,
    );
  }
  if (changed) write.events([scoredEvent(deps, actor, counted, now)], now);
  return counted;
}

/** A withdrawn innovation leaves the totals (before publication; published results stand until corrected). */
export async function uncountWithdrawn(deps: Deps, write: ScoringWrite, facts: InnovationFacts): Promise<void> {
  const score = await deps.reads.score(facts.innovationId);
  if (!score?.counted) return;
  const cycle = await deps.reads.cycle(score.cycleId);
  if (cycle?.published) return;
  const next = await countInto(deps, write, facts, { ...score, version: score.version + 1 });
  write.score(next, score.version);
}

/**
 * The score of an innovation the caller may see; an OPD sees it only once its cycle's results are published, an
 * evaluator only for an innovation assigned to them, once their own verification is submitted.
 */
export async function getScore(deps: EditionDeps, actor: Acting, id: string) {
  const facts = await visibleInnovation(deps, actor, id);
  await assertNotBlind(deps, actor, id);
  const [score, cycle] = await Promise.all([deps.reads.score(id), cycleOfInnovation(deps, facts)]);
  const staff = hasAnyRole(actor.caller, STAFF_ROLES);
  if (!score) throw new Problem('not-found', { detail: 'Inovasi ini belum dinilai.' });
  if (!staff && !cycle.published) {
    throw new Problem('not-found', { detail: 'Nilai inovasi diumumkan setelah hasil siklus diterbitkan.' });
  }
  return scoreView(editionOf(deps, cycle), score, staff);
}

/** The API view of a score; who evaluated is for programme staff only. */
export function scoreView(edition: ScoringEdition, score: Score, staff: boolean) {
  return {
    innovationId: score.innovationId,
    opdId: score.opdId,
    cycleId: score.cycleId,
    editionId: score.editionId,
    status: score.status,
    revision: score.revision,
    total: score.total,
    maxScore: edition.innovation.maxScore,
    indicators: score.indicators.map((indicator) => {
      const spec = edition.innovation.indicators.find((candidate) => candidate.code === indicator.indicator);
      const weight = spec?.weight ?? 0;
      return {
        indicator: indicator.indicator,
        name: spec?.name ?? indicator.indicator,
        weight,
        ...(indicator.claimedLevel ? { claimedLevel: indicator.claimedLevel } : {}),
        level: indicator.level,
        score: weight * indicator.level,
        decidedBy: indicator.decidedBy,
        flagged: indicator.flagged,
        ...(indicator.reason ? { reason: indicator.reason } : {}),
        ...(staff ? { evaluators: indicator.evaluators.map((entry) => ({ ...entry })) } : {}),
      };
    }),
    updatedAt: score.updatedAt,
  };
}

/** What a calibration or correction settles: an indicator of the edition, never above what the OPD claimed. */
async function settleable(deps: EditionDeps, actor: Acting, id: string, indicator: string, level: VerifiedLevel) {
  const facts = await visibleInnovation(deps, actor, id);
  assertImpartial(actor, facts);
  const cycle = await cycleOfInnovation(deps, facts);
  const edition = editionOf(deps, cycle);
  const score = await deps.reads.score(id);
  if (!score) throw new Problem('invalid-state', { detail: 'Inovasi ini belum selesai dinilai oleh penilai.' });
  if (!edition.innovation.indicators.some((spec) => spec.code === indicator)) {
    throw new Problem('validation-failed', {
      errors: [
        {
          path: 'indicator',
          code: 'unknown_indicator',
          message: `indikator ${indicator} tidak ada dalam rubrik ${edition.id}`,
        },
      ],
    });
  }
  const claimed = score.indicators.find((entry) => entry.indicator === indicator)?.claimedLevel ?? 0;
  if (level > claimed) {
    throw new Problem('validation-failed', {
      errors: [
        {
          path: 'level',
          code: 'above_claim',
          message:
            claimed === 0
              ? `indikator ${indicator} tidak diklaim; tingkatnya tetap 0`
              : `tingkat tidak boleh melebihi klaim perangkat daerah (${claimed})`,
        },
      ],
    });
  }
  return { facts, cycle, edition, score };
}

/** A coordinator settles a flagged indicator with a recorded reason; the last one settled scores the innovation. */
export function calibrate(
  deps: EditionDeps,
  actor: Acting,
  id: string,
  input: { indicator: string; level: VerifiedLevel; reason: string },
) {
  return retryingConflicts(async () => {
    const { facts, cycle, edition, score } = await settleable(deps, actor, id, input.indicator, input.level);
    if (cycle.published) {
      throw new Problem('invalid-state', { detail: 'Hasil siklus sudah diumumkan; ubah nilai melalui koreksi.' });
    }
    if (!score.indicators.some((indicator) => indicator.indicator === input.indicator && indicator.flagged)) {
      throw new Problem('invalid-state', { detail: `Indikator ${input.indicator} tidak menunggu kalibrasi.` });
    }
    const now = new Date(deps.now());
    const indicators = settleOne(score.indicators, input.indicator, input.level, 'calibration', input.reason);
    const status = statusOf(indicators);
    const total = totalOf(edition, indicators);
    const write = deps.write();
    const next = await countInto(deps, write, facts, {
      ...score,
      indicators,
      status,
      total,
      revision: score.revision + (status === 'scored' ? 1 : 0),
      updatedAt: now.toISOString(),
      version: score.version + 1,
    });
    write.score(next, score.version).checkCycle(cycle);
    if (status === 'scored') write.events([scoredEvent(deps, actor, next, now)], now);
    await write.commit();
    return scoreView(edition, next, true);
  });
}

/**
 * A coordinator corrects a published score with a recorded reason: the score, the totals and the published results
 * change together (a new revision of the results, RankingPublished and IncentiveShortlisted again), so what the
 * OPDs were told never disagrees with the scores.
 */
export function correctScore(
  deps: EditionDeps,
  actor: Acting,
  id: string,
  input: { indicator: string; level: VerifiedLevel; reason: string },
) {
  return retryingConflicts(async () => {
    const { facts, cycle, edition, score } = await settleable(deps, actor, id, input.indicator, input.level);
    if (!cycle.published) {
      throw new Problem('invalid-state', { detail: 'Hasil siklus belum diumumkan; nilai masih dapat dikalibrasi.' });
    }
    if (score.status !== 'scored')
      throw new Problem('invalid-state', { detail: 'Inovasi ini belum memiliki nilai akhir.' });
    const now = new Date(deps.now());
    const indicators = settleOne(score.indicators, input.indicator, input.level, 'correction', input.reason);
    const write = deps.write();
    const next = await countInto(deps, write, facts, {
      ...score,
      indicators,
      total: totalOf(edition, indicators),
      revision: score.revision + 1,
      updatedAt: now.toISOString(),
      version: score.version + 1,
    });
    write.score(next, score.version);
    write.events([scoredEvent(deps, actor, next, now, { reason: input.reason, acting: actor })], now);
    await republish(deps, write, actor, cycle, edition, now);
    await write.commit();
    return scoreView(edition, next, true);
  });
}

/**
 * Adds a publication of the cycle's results (the next revision) to `write`: the ranking and the index as the
 * totals will stand once `write` commits (the OPD rows and totals it moves are read back from it), the cycle
 * marked published, and the two events.
 */
export async function republish(
  deps: EditionDeps,
  write: ScoringWrite,
  actor: Acting,
  cycle: ScoringCycle,
  edition: ScoringEdition,
  now: Date,
) {
  const [opdRows, totals] = await Promise.all([deps.reads.opdTotals(cycle.id), deps.reads.cycleTotals(cycle.id)]);
  const pendingOpd = write.pendingOpdTotals();
  const rows = pendingOpd ? [...opdRows.filter((row) => row.opdId !== pendingOpd.opdId), pendingOpd] : opdRows;
  const cycleTotals = write.pendingCycleTotals() ?? totals ?? EMPTY_CYCLE_TOTALS;
  if (!write.pendingCycleTotals()) write.checkTotals(cycle.id, cycleTotals.version);
  const ranking = rankingOf(edition, cycle, rows);
  const index = indexOf(edition, cycle, cycleTotals);
  const revision = (cycle.published?.revision ?? 0) + 1;
  const publishedAt = now.toISOString();
  write.cycle({ ...cycle, published: { revision, publishedAt }, version: cycle.version + 1 }, cycle.version);
  write.published({
    cycleId: cycle.id,
    cycleName: cycle.name,
    year: cycle.year,
    editionId: edition.id,
    revision,
    k: ranking.k,
    rows: ranking.rows,
    shortlist: ranking.shortlist,
    index: { value: index.index, predicate: index.predicate },
    publishedAt,
  });
  write.events(
    [
      RankingPublished.create(
        {
          cycleId: cycle.id,
          editionId: edition.id,
          revision,
          k: ranking.k,
          ranking: ranking.rows,
          index: { value: index.index, predicate: index.predicate },
          publishedAt,
        },
        eventContext(deps.regionId, actor, now),
      ),
      IncentiveShortlisted.create(
        { cycleId: cycle.id, revision, opdIds: ranking.shortlist, publishedAt },
        eventContext(deps.regionId, actor, now),
      ),
    ],
    now,
  );
  return { ranking, revision, publishedAt };
}
