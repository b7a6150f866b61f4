import type { Innovation, rankingSchema, scoreSchema, Track } from '@inovda/contracts';
import { useEffect, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import type * as z from 'zod/mini';
import { PageLoading } from '../components/fields';
import { RankingTable } from '../components/ranking-table';
import { TableFrame } from '../components/table-frame';
import { formatDateTime, t } from '../i18n';
import { ApiProblem, api } from '../lib/api';
import { opdName, useAppConfig } from '../lib/config';
import { refusalText } from '../lib/use-api-action';

type Score = z.infer<typeof scoreSchema>;
type Ranking = z.infer<typeof rankingSchema>;
const words = t.opd.results;

/**
 * What the API answered for one part of the page: the thing, or its words for why not (before publication an OPD
 * is told "not yet" by a 404 whose detail says when; that is what the page shows).
 */
type Part<T> = { readonly data: T } | { readonly unavailable: string };

async function part<T>(call: () => Promise<{ data: T }>): Promise<Part<T>> {
  try {
    return { data: (await call()).data };
  } catch (error) {
    if (error instanceof ApiProblem && error.status === 404) return { unavailable: error.detail ?? error.title };
    throw error;
  }
}

/** An innovation's results once its cycle's are published: its score per indicator and its OPD's place. */
export default function InnovationResults() {
  const { params } = useRoute();
  const id = params.id ?? '';
  const [innovation, setInnovation] = useState<Innovation>();
  const [score, setScore] = useState<Part<Score>>();
  const [ranking, setRanking] = useState<Part<Ranking>>();
  const [problem, setProblem] = useState<string>();

  useEffect(() => {
    void (async () => {
      try {
        const loaded = (await api<Innovation>('GET', `/innovations/${encodeURIComponent(id)}`)).data;
        setInnovation(loaded);
        const track = await part(() => api<Track>('GET', `/innovations/${encodeURIComponent(id)}/track`));
        const [scored, ranked] = await Promise.all([
          part(() => api<Score>('GET', `/innovations/${encodeURIComponent(id)}/score`)),
          'data' in track
            ? part(() => api<Ranking>('GET', `/cycles/${encodeURIComponent(track.data.cycleId)}/ranking`))
            : Promise.resolve(track),
        ]);
        setScore(scored);
        setRanking(ranked);
      } catch (error) {
        setProblem(refusalText(error));
      }
    })();
  }, [id]);

  if (!innovation || !score || !ranking) {
    return <PageLoading problem={problem} />;
  }
  return (
    <section>
      <h1>{words.title(innovation.name)}</h1>
      <p>
        <a href={`/inovasi/${innovation.id}`}>{t.opd.back(innovation.name)}</a>
      </p>
      <h2>{words.scoreTitle}</h2>
      {'unavailable' in score ? <p>{score.unavailable}</p> : <ScoreTable score={score.data} />}
      <h2>{words.rankingTitle}</h2>
      {'unavailable' in ranking ? (
        <p>{ranking.unavailable}</p>
      ) : (
        <PublishedRanking ranking={ranking.data} opdId={innovation.opdId} />
      )}
    </section>
  );
}

function ScoreTable({ score }: { score: Score }) {
  const level = (value: number | undefined) => (value === undefined ? words.none : String(value));
  return (
    <>
      <p class="score-total">
        <strong>{words.total(t.opd.number(score.total), t.opd.number(score.maxScore))}</strong> ·{' '}
        {words.statuses[score.status] ?? score.status}
        {score.revision > 1 && ` · ${words.revision(score.revision)}`}
      </p>
      <TableFrame label={words.perIndicator}>
        <table>
          <caption class="table-caption">{words.perIndicator}</caption>
          <thead>
            <tr>
              <th scope="col">{words.indicator}</th>
              <th scope="col">{words.weight}</th>
              <th scope="col">{words.claimed}</th>
              <th scope="col">{words.verified}</th>
              <th scope="col">{words.score}</th>
              <th scope="col">{words.decidedBy}</th>
            </tr>
          </thead>
          <tbody>
            {score.indicators.map((row) => (
              <tr key={row.indicator}>
                <th scope="row">{row.name}</th>
                <td>{t.opd.number(row.weight)}</td>
                <td>{level(row.claimedLevel)}</td>
                <td>{row.level}</td>
                <td>{t.opd.number(row.score)}</td>
                <td>
                  {words.decided[row.decidedBy] ?? row.decidedBy}
                  {row.reason && (
                    <>
                      <br />
                      <span class="muted">
                        {words.reason}: {row.reason}
                      </span>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableFrame>
    </>
  );
}

function PublishedRanking({ ranking, opdId }: { ranking: Ranking; opdId: string }) {
  const config = useAppConfig();
  const mine = ranking.rows.find((row) => row.opdId === opdId);
  return (
    <>
      {ranking.published && (
        <p>{words.publishedAt(formatDateTime(ranking.published.publishedAt), ranking.published.revision)}</p>
      )}
      <p>
        <strong>{mine ? words.place(mine.rank, ranking.rows.length) : words.notListed}</strong>
        {ranking.shortlist.includes(opdId) && ` ${words.shortlisted}`}
      </p>
      <RankingTable
        caption={`${words.rankingCaption} (${words.divisor(ranking.k)})`}
        rows={ranking.rows}
        shortlist={ranking.shortlist}
        opdName={(id) => opdName(config, id)}
        ownOpdId={opdId}
      />
    </>
  );
}
