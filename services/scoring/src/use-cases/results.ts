import { type Acting, canSee, hasAnyRole, Problem, STAFF_ROLES } from '@inovda/kernel';
import type { VerifiedLevel } from '../domain/model';
import { rankingCsv } from '../domain/ranking-csv';
import { indexOf, rankingOf } from '../domain/results';
import { EMPTY_CYCLE_TOTALS } from '../domain/totals';
import { READINESS_NAMES_2026 } from '../editions/iid-2026-readiness-names';
import { type Deps, type EditionDeps, editionOf, knownCycle } from './context';
import { retryingConflicts } from './retry';
import { republish } from './scores';

/**
 * The OPD ranking of a cycle. Programme staff see it as it stands; everyone else only once published, as published
 * (the latest revision). One Query of the cycle's OPD rows, whatever the number of innovations.
 */
export async function getRanking(deps: EditionDeps, actor: Acting, cycleId: string) {
  const cycle = await knownCycle(deps, cycleId);
  const edition = editionOf(deps, cycle);
  const published = cycle.published
    ? { revision: cycle.published.revision, publishedAt: cycle.published.publishedAt }
    : null;
  if (!hasAnyRole(actor.caller, STAFF_ROLES)) {
    const results = cycle.published ? await deps.reads.published(cycle.id, cycle.published.revision) : undefined;
    if (!results) throw new Problem('not-found', { detail: 'Peringkat diumumkan setelah hasil siklus diterbitkan.' });
    return {
      cycleId,
      editionId: edition.id,
      k: results.k,
      rows: [...results.rows],
      shortlist: [...results.shortlist],
      published,
    };
  }
  const ranking = rankingOf(edition, cycle, await deps.reads.opdTotals(cycleId));
  return { cycleId, editionId: edition.id, k: ranking.k, rows: ranking.rows, shortlist: ranking.shortlist, published };
}

/**
 * The index as people read it: each readiness row with its name. Both shipped editions use the 2026 rows
 * (iid-legacy-150.ts); the names stay out of the functions that only compute with the index.
 */
function indexView(index: ReturnType<typeof indexOf>) {
  return {
    ...index,
    readiness: index.readiness.map(({ code, ...row }) => ({ code, name: READINESS_NAMES_2026[code] ?? code, ...row })),
  };
}

/** The region's index for a cycle: one GetItem of the totals and the cycle, whatever the number of innovations. */
export async function getRegionIndex(deps: EditionDeps, cycleId: string) {
  const cycle = await knownCycle(deps, cycleId);
  return indexView(
    indexOf(editionOf(deps, cycle), cycle, (await deps.reads.cycleTotals(cycleId)) ?? EMPTY_CYCLE_TOTALS),
  );
}

/** The coordinator enters the readiness (SPD) rows; rows the edition does not have are refused. Before publication. */
export function setReadiness(deps: EditionDeps, cycleId: string, levels: Readonly<Record<string, VerifiedLevel>>) {
  return retryingConflicts(async () => {
    const cycle = await knownCycle(deps, cycleId);
    const edition = editionOf(deps, cycle);
    const unknown = Object.keys(levels).filter((code) => !edition.readiness.rows.some((row) => row.code === code));
    if (unknown.length > 0) {
      throw new Problem('validation-failed', {
        errors: unknown.map((code) => ({
          path: `levels/${code}`,
          code: 'unknown_row',
          message: `baris kesiapan ${code} tidak ada dalam rubrik ${edition.id}`,
        })),
      });
    }
    if (cycle.published) throw new Problem('invalid-state', { detail: 'Hasil siklus ini sudah diumumkan.' });
    const next = { ...cycle, readiness: { ...cycle.readiness, ...levels }, version: cycle.version + 1 };
    await deps.write().cycle(next, cycle.version).commit();
    return indexView(indexOf(edition, next, (await deps.reads.cycleTotals(cycleId)) ?? EMPTY_CYCLE_TOTALS));
  });
}

/**
 * The innovations of a cycle whose scoring is under way and unfinished (a submitted self-assessment without a
 * settled score: evaluators outstanding, or an indicator waiting for calibration), as Indonesian lines. Publication
 * waits for them: afterwards a score changes only through a correction, which needs a settled score, so an
 * innovation left open at publication could never be scored.
 */
async function stillOpen(deps: EditionDeps, cycleId: string): Promise<string[]> {
  const open: string[] = [];
  for (const facts of await deps.reads.cycleInnovations(cycleId)) {
    if (facts.withdrawn || facts.cycleId !== cycleId) continue;
    if ((await deps.reads.selfAssessment(facts.innovationId))?.status !== 'submitted') continue;
    const score = await deps.reads.score(facts.innovationId);
    if (score?.status === 'scored') continue;
    open.push(
      score?.status === 'flagged'
        ? `Inovasi "${facts.name}" menunggu kalibrasi koordinator.`
        : `Inovasi "${facts.name}" menunggu penilaian dari tim penilai.`,
    );
  }
  return open;
}

/**
 * Publishes a cycle's results once: the ranking, the shortlist and the index as they stand (checked unchanged at
 * commit), RankingPublished and IncentiveShortlisted. Afterwards a score changes only through a correction, which
 * republishes.
 */
export function publishResults(deps: EditionDeps, actor: Acting, cycleId: string) {
  return retryingConflicts(async () => {
    const cycle = await knownCycle(deps, cycleId);
    if (cycle.published) {
      throw new Problem('invalid-state', {
        detail: 'Hasil siklus ini sudah diumumkan; perubahan nilai dilakukan melalui koreksi.',
      });
    }
    const open = await stillOpen(deps, cycleId);
    if (open.length > 0) {
      throw new Problem('invalid-state', {
        detail: 'Masih ada inovasi yang penilaiannya belum selesai; selesaikan dahulu sebelum hasil diumumkan.',
        missing: open,
      });
    }
    const edition = editionOf(deps, cycle);
    const now = new Date(deps.now());
    const write = deps.write();
    const { ranking, revision, publishedAt } = await republish(deps, write, actor, cycle, edition, now);
    await write.commit();
    return {
      cycleId,
      editionId: edition.id,
      k: ranking.k,
      rows: ranking.rows,
      shortlist: ranking.shortlist,
      published: { revision, publishedAt },
    };
  });
}

/**
 * The ranking as CSV for the performance-allowance decision: the OPD rows, then every counted innovation and its
 * indicator rows, so each number can be traced to what it sums. Paged reads of the cycle's innovations: an export,
 * not a screen.
 */
export async function getRankingCsv(deps: EditionDeps, actor: Acting, cycleId: string): Promise<string> {
  const cycle = await knownCycle(deps, cycleId);
  const edition = editionOf(deps, cycle);
  const ranking = rankingOf(edition, cycle, await deps.reads.opdTotals(cycleId));
  const innovations = [];
  for (const facts of await deps.reads.cycleInnovations(cycleId)) {
    if (!canSee(actor.caller, facts)) continue;
    const score = await deps.reads.score(facts.innovationId);
    if (score?.counted) innovations.push({ facts, score });
  }
  return rankingCsv(edition, cycle, ranking, innovations);
}

/** What the public reads need besides: the region's OPD names (the public ranking names each OPD). */
export interface PublicResultsDeps extends Deps {
  readonly opdNames: ReadonlyMap<string, string>;
}

/** The cycles whose ranking was published, each at its latest revision, newest publication first (no caller). */
export async function listPublishedRankings(deps: Deps) {
  const latest = await deps.reads.latestPublications();
  return {
    items: latest.map(({ cycleId, cycleName, year, revision, publishedAt, index }) => ({
      cycleId,
      cycleName,
      year,
      revision,
      publishedAt,
      index: { value: index.value, predicate: index.predicate },
    })),
  };
}

/**
 * A cycle's ranking as published, at its latest revision (no caller): exactly what was published, never the ranking
 * as it stands; a cycle not published yet is a 404, as an unknown one.
 */
export async function getPublishedRanking(deps: PublicResultsDeps, cycleId: string) {
  const cycle = await deps.reads.cycle(cycleId);
  const results = cycle?.published ? await deps.reads.published(cycle.id, cycle.published.revision) : undefined;
  if (!cycle || !results) {
    throw new Problem('not-found', { detail: 'Peringkat siklus ini belum diumumkan.' });
  }
  return {
    cycleId,
    cycleName: cycle.name,
    year: cycle.year,
    revision: results.revision,
    publishedAt: results.publishedAt,
    k: results.k,
    rows: results.rows.map((row) => ({ ...row, opdName: deps.opdNames.get(row.opdId) ?? row.opdId })),
    shortlist: [...results.shortlist],
    index: { value: results.index.value, predicate: results.index.predicate },
  };
}
