import type { Cycle, rankingSchema, regionIndexSchema } from '@inovda/contracts';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import type * as z from 'zod/mini';
import { Notice, PageLoading } from '../components/fields';
import { RankingTable } from '../components/ranking-table';
import { formatDateTime, formatScore, t } from '../i18n';
import { ApiProblem, api } from '../lib/api';
import { opdName, useAppConfig } from '../lib/config';
import { hasRole, useSession } from '../lib/session';
import { refusalText, useApiAction } from '../lib/use-api-action';
import { ReadinessRows } from './readiness-rows';

type Ranking = z.infer<typeof rankingSchema>;
type RegionIndex = z.infer<typeof regionIndexSchema>;

/** The lines of what a refusal says is still missing (publication lists the innovations still being scored). */
function missingOf(error: unknown): readonly string[] {
  if (!(error instanceof ApiProblem) || !Array.isArray(error.body.missing)) return [];
  return error.body.missing.flatMap((item: unknown) => {
    if (typeof item === 'string') return [item];
    const message = (item as { message?: unknown })?.message;
    return typeof message === 'string' ? [message] : [];
  });
}

/** Saves `text` as a file named `name`, from a Blob URL (no second request, so the token never leaves the app). */
function offerDownload(text: string, name: string): void {
  // The API writes a BOM so spreadsheets read the file as UTF-8; reading it as text drops it, so it goes back.
  const blob = new Blob([text.startsWith('\uFEFF') ? text : `\uFEFF${text}`], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Late enough for the browser to have started the download.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * The results of a cycle for the coordinator: the OPD ranking with the incentive shortlist, the region's index
 * with its predicate and the gain of one more innovation, its readiness (SPD) rows (entered here before
 * publication), publishing the results (with a confirmation step), and the TPP export as a CSV download.
 */
export default function CycleResults() {
  const { params } = useRoute();
  const session = useSession();
  const config = useAppConfig();
  const cycleId = params.id ?? '';
  const path = `/cycles/${encodeURIComponent(cycleId)}`;
  const mayPublish = hasRole(session, 'coordinator', 'admin');
  const [cycle, setCycle] = useState<Cycle>();
  const [ranking, setRanking] = useState<Ranking>();
  const [index, setIndex] = useState<RegionIndex>();
  const [loadProblem, setLoadProblem] = useState<string>();
  const [confirming, setConfirming] = useState(false);
  const [missing, setMissing] = useState<readonly string[]>([]);
  const publishing = useApiAction();
  const exporting = useApiAction();
  const confirmRef = useRef<HTMLElement>(null);
  const publishRef = useRef<HTMLButtonElement>(null);

  const load = useCallback(async () => {
    try {
      const [cycleAnswer, rankingAnswer, indexAnswer] = await Promise.all([
        api<Cycle>('GET', path),
        api<Ranking>('GET', `${path}/ranking`),
        api<RegionIndex>('GET', `${path}/region-index`),
      ]);
      setCycle(cycleAnswer.data);
      setRanking(rankingAnswer.data);
      setIndex(indexAnswer.data);
    } catch (error) {
      setLoadProblem(refusalText(error));
    }
  }, [path]);
  useEffect(() => {
    void load();
  }, [load]);

  // The step takes the focus when it opens; cancelled, the focus goes back to the button that opened it. Before the
  // paint (a layout effect), so a key pressed as soon as the step shows lands where the focus is seen to be.
  const cancelled = useRef(false);
  useLayoutEffect(() => {
    if (confirming) confirmRef.current?.focus();
    else if (cancelled.current) publishRef.current?.focus();
    cancelled.current = false;
  }, [confirming]);

  async function publish() {
    setMissing([]);
    const published = await publishing.run(async () => {
      try {
        return await api<Ranking>('POST', `${path}/results/publish`);
      } catch (error) {
        setMissing(missingOf(error));
        throw error;
      }
    }, t.results.publishedNow);
    setConfirming(false);
    if (published) setRanking(published.data);
    // Refused: someone may have published meanwhile; show the results as they are now.
    else await load();
  }

  async function download() {
    if (!cycle) return;
    const name = t.results.fileName(cycle.year, cycle.id);
    await exporting.run(async () => {
      const { data } = await api<string>('GET', `${path}/ranking.csv`, { text: true });
      offerDownload(data, name);
    }, t.results.downloaded(name));
  }

  if (!cycle || !ranking || !index) {
    return <PageLoading heading={t.results.heading} problem={loadProblem} />;
  }

  return (
    <section>
      <h1>{t.results.title(cycle.name)}</h1>
      <ul class="co-links">
        <li>
          <a href="/siklus">{t.board.back}</a>
        </li>
        <li>
          <a href={`/siklus/${cycle.id}/papan`}>{t.board.link(cycle.name)}</a>
        </li>
      </ul>

      <h2>{t.results.publicationTitle}</h2>
      {ranking.published ? (
        <>
          <p class="co-published">
            {t.results.published(formatDateTime(ranking.published.publishedAt), ranking.published.revision)}
          </p>
          <p class="hint">{t.results.correctionsHint}</p>
        </>
      ) : (
        <>
          <p>{t.results.notPublished}</p>
          {mayPublish && !confirming && (
            <button type="button" ref={publishRef} disabled={publishing.busy} onClick={() => setConfirming(true)}>
              {t.results.publish(cycle.name)}
            </button>
          )}
          {mayPublish && confirming && (
            <section class="co-confirm" aria-labelledby="confirm-title" tabIndex={-1} ref={confirmRef}>
              <h3 id="confirm-title">{t.results.confirmTitle(cycle.name)}</h3>
              <p>{t.results.confirmText}</p>
              <div class="actions">
                <button type="button" disabled={publishing.busy} onClick={() => void publish()}>
                  {t.results.confirmPublish(cycle.name)}
                </button>
                <button
                  type="button"
                  class="secondary"
                  disabled={publishing.busy}
                  onClick={() => {
                    cancelled.current = true;
                    setConfirming(false);
                  }}
                >
                  {t.results.cancel}
                </button>
              </div>
            </section>
          )}
        </>
      )}
      {publishing.problem && (
        <div class="error-message" role="alert">
          <p>{publishing.problem}</p>
          {missing.length > 0 && (
            <ul>
              {missing.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <Notice text={publishing.notice} />

      <h2>{t.results.rankingTitle}</h2>
      {ranking.rows.length === 0 ? (
        <p>{t.results.rankingEmpty}</p>
      ) : (
        <>
          <RankingTable
            caption={t.results.rankingCaption(ranking.k)}
            rows={ranking.rows}
            shortlist={ranking.shortlist}
            opdName={(opdId) => opdName(config, opdId)}
          />
          {ranking.shortlist.length > 0 && (
            <p>
              {t.results.shortlistTitle}: {ranking.shortlist.map((opdId) => opdName(config, opdId)).join(', ')}
            </p>
          )}
        </>
      )}

      <h2>{t.results.indexTitle}</h2>
      <p class="co-index">
        {t.results.indexSummary(formatScore(index.index))} <strong>{index.predicate}</strong>
      </p>
      <p>{t.results.gain(formatScore(index.gainOfOneMore), formatScore(index.meanScore))}</p>
      <dl class="co-totals">
        <div>
          <dt>{t.results.spd}</dt>
          <dd>{formatScore(index.spd)}</dd>
        </div>
        <div>
          <dt>{t.results.sidScores(index.k)}</dt>
          <dd>{formatScore(index.sidScores)}</dd>
        </div>
        <div>
          <dt>{t.results.countBonus}</dt>
          <dd>
            {formatScore(index.countBonus)}{' '}
            <span class="muted">
              ({index.allBasicAffairsCovered ? t.results.basicCovered : t.results.basicNotCovered})
            </span>
          </dd>
        </div>
        <div>
          <dt>{t.results.sid}</dt>
          <dd>{formatScore(index.sid)}</dd>
        </div>
        <div>
          <dt>{t.results.scored}</dt>
          <dd>{index.count}</dd>
        </div>
      </dl>

      <ReadinessRows
        cycleId={cycle.id}
        index={index}
        editable={mayPublish && ranking.published === null}
        onSaved={setIndex}
      />

      {mayPublish && (
        <>
          <h2>{t.results.exportTitle}</h2>
          <p>{t.results.exportIntro}</p>
          <button type="button" class="secondary" disabled={exporting.busy} onClick={() => void download()}>
            {t.results.download(cycle.name)}
          </button>
          {exporting.problem && (
            <p class="error-message" role="alert">
              {exporting.problem}
            </p>
          )}
          <Notice text={exporting.notice} />
        </>
      )}
    </section>
  );
}
