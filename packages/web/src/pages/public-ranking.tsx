import type { publicRankingListSchema, publicRankingSchema } from '@inovda/contracts';
import { useEffect, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import type * as z from 'zod/mini';
import { RankingTable } from '../components/ranking-table';
import { formatDate, formatScore, t } from '../i18n';
import { api } from '../lib/api';
import { refusalText } from '../lib/use-api-action';

type PublishedList = z.infer<typeof publicRankingListSchema>;
type PublishedRanking = z.infer<typeof publicRankingSchema>;

/**
 * The published OPD ranking, for anyone (no sign-in): the cycle in the address, or the latest published one, with
 * the region index as published and links to the other cycles' rankings.
 */
export default function PublicRanking() {
  const { params } = useRoute();
  const [cycles, setCycles] = useState<PublishedList['items']>();
  const [ranking, setRanking] = useState<PublishedRanking>();
  const [problem, setProblem] = useState<string>();

  useEffect(() => {
    setProblem(undefined);
    void (async () => {
      try {
        const { data } = await api<PublishedList>('GET', '/public/rankings', { anonymous: true });
        setCycles(data.items);
        const cycleId = params.id ?? data.items[0]?.cycleId;
        if (!cycleId) return;
        const one = await api<PublishedRanking>('GET', `/public/rankings/${encodeURIComponent(cycleId)}`, {
          anonymous: true,
        });
        setRanking(one.data);
      } catch (error) {
        setProblem(refusalText(error));
      }
    })();
  }, [params.id]);

  const others = (cycles ?? []).filter((cycle) => cycle.cycleId !== ranking?.cycleId);
  return (
    <section>
      <h1>{t.publicPages.rankingTitle}</h1>
      <p>{t.publicPages.rankingIntro}</p>
      <p>
        <a href="/galeri">{t.nav.showcase}</a>
      </p>
      {problem && (
        <p class="error-message" role="alert">
          {problem}
        </p>
      )}
      {cycles === undefined && !problem && <p role="status">{t.app.loading}</p>}
      {cycles?.length === 0 && <p>{t.publicPages.rankingEmpty}</p>}
      {ranking && (
        <>
          <h2>
            {t.publicPages.cycle} {ranking.cycleName}
          </h2>
          <p>
            {t.publicPages.publishedAt(formatDate(ranking.publishedAt))}
            {ranking.revision > 1 ? ` (${t.publicPages.revision(ranking.revision)})` : ''}
          </p>
          <dl class="profile">
            <dt>{t.publicPages.regionIndex}</dt>
            <dd>{t.publicPages.regionIndexValue(formatScore(ranking.index.value), ranking.index.predicate)}</dd>
            {ranking.shortlist.length > 0 && (
              <>
                <dt>{t.publicPages.shortlist}</dt>
                <dd>
                  {ranking.shortlist
                    .map((opdId) => ranking.rows.find((row) => row.opdId === opdId)?.opdName ?? opdId)
                    .join(', ')}
                </dd>
              </>
            )}
          </dl>
          <RankingTable
            caption={t.publicPages.rankingCaption(ranking.cycleName, ranking.k)}
            rows={ranking.rows}
            shortlist={ranking.shortlist}
            opdName={(opdId) => ranking.rows.find((row) => row.opdId === opdId)?.opdName ?? opdId}
          />
        </>
      )}
      {others.length > 0 && (
        <>
          <h2>{t.publicPages.otherCycles}</h2>
          <ul>
            {others.map((cycle) => (
              <li key={cycle.cycleId}>
                <a href={`/peringkat/${cycle.cycleId}`}>{cycle.cycleName}</a>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
