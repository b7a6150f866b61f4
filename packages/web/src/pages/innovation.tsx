import type { GateStatus, Innovation, Track, trackHistoryPageSchema } from '@inovda/contracts';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import type * as z from 'zod/mini';
import { Notice, RefusalSummary } from '../components/fields';
import { formatDateTime, t } from '../i18n';
import { ApiProblem, api } from '../lib/api';
import { hasRole, useSession } from '../lib/session';

/** What the API said when it refused: its title and detail, and the list of what is missing, if it gave one. */
interface Refusal {
  readonly text: string;
  readonly missing: readonly string[];
}

function refusalOf(error: unknown): Refusal {
  if (!(error instanceof ApiProblem)) return { text: t.problems.unknown, missing: [] };
  const missing = Array.isArray(error.body.missing)
    ? error.body.missing.flatMap((item: unknown) =>
        typeof (item as { message?: unknown })?.message === 'string' ? [(item as { message: string }).message] : [],
      )
    : [];
  return { text: error.detail ? `${error.title}: ${error.detail}` : error.title, missing };
}

type HistoryEntry = z.infer<typeof trackHistoryPageSchema>['items'][number];

/** Tries to read the track while it opens: registration opens it once the event has crossed the bus. */
const TRACK_TRIES = 10;
const TRACK_RETRY_MS = 1_000;

/**
 * One innovation: its profile, registration, and its 5D track with what the next gate still needs, the last return
 * and its reasons, and the advance request.
 */
export default function InnovationPage() {
  const { params } = useRoute();
  const session = useSession();
  const id = params.id ?? '';
  const [innovation, setInnovation] = useState<{ data: Innovation; etag: string }>();
  const [track, setTrack] = useState<Track | null>();
  const [gate, setGate] = useState<GateStatus>();
  const [lastEntry, setLastEntry] = useState<HistoryEntry>();
  const [refusal, setRefusal] = useState<Refusal>();
  const [notice, setNotice] = useState<string>();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  // The button pressed is disabled while its call runs (which takes the focus from it) and often goes with what it
  // offered (registration, the advance form): once the call is done the focus returns to the page's content rather
  // than being left with the document, where a screen reader loses its place.
  const acted = useRef(false);
  useEffect(() => {
    if (busy) acted.current = true;
    else if (acted.current && (document.activeElement === null || document.activeElement === document.body)) {
      document.getElementById('main')?.focus();
    }
  }, [busy]);

  /** The track; null while it is not open (yet). */
  const loadTrack = useCallback(async () => {
    const found = await api<Track>('GET', `/innovations/${encodeURIComponent(id)}/track`).catch((error: unknown) => {
      if (error instanceof ApiProblem && error.status === 404) return undefined;
      throw error;
    });
    return found?.data ?? null;
  }, [id]);

  /**
   * What the track's gate still needs and its last history entry (a return's reasons). At Display there is no gate
   * left and no request to return; before it, a track holds a few dozen entries at most (oldest first), so one page
   * has the last.
   */
  const loadGate = useCallback(
    async (current: Track) => {
      const at = `/innovations/${encodeURIComponent(id)}/track`;
      const launched = current.stage === 'display';
      const [gateAnswer, history] = await Promise.all([
        launched ? undefined : api<GateStatus>('GET', `${at}/gate`),
        launched ? undefined : api<{ items: HistoryEntry[] }>('GET', `${at}/history`, { query: { limit: '100' } }),
      ]);
      setGate(gateAnswer?.data);
      setLastEntry(history?.data.items.at(-1));
    },
    [id],
  );

  const load = useCallback(
    async (tries = 1) => {
      try {
        const loaded = await api<Innovation>('GET', `/innovations/${encodeURIComponent(id)}`);
        setInnovation({ data: loaded.data, etag: loaded.etag ?? '' });
        if (loaded.data.status !== 'registered') return;
        for (let attempt = 1; ; attempt += 1) {
          const found = await loadTrack();
          if (found || attempt >= tries) {
            // The track shows at once; its gate and last return follow.
            setTrack(found);
            if (found) await loadGate(found);
            return;
          }
          await new Promise((resolve) => setTimeout(resolve, TRACK_RETRY_MS));
        }
      } catch (error) {
        setRefusal(refusalOf(error));
      }
    },
    [id, loadTrack, loadGate],
  );
  useEffect(() => {
    void load();
  }, [load]);

  /** Runs an action; then reads the page again (`tries` > 1: waiting for the track a registration opens). */
  async function act(run: () => Promise<unknown>, done: string, tries = 1) {
    setBusy(true);
    setRefusal(undefined);
    setNotice(undefined);
    try {
      await run();
      setNotice(done);
      await load(tries);
    } catch (error) {
      setRefusal(refusalOf(error));
    } finally {
      setBusy(false);
    }
  }

  if (!innovation) {
    return (
      <section>
        {refusal ? (
          <p class="error-message" role="alert">
            {refusal.text}
          </p>
        ) : (
          <p role="status">{t.app.loading}</p>
        )}
      </section>
    );
  }
  const { data } = innovation;
  const owner = hasRole(session, 'admin') || (hasRole(session, 'opd') && session?.opdId === data.opdId);
  return (
    <section>
      <h1>{data.name}</h1>
      <p>
        {t.innovations.status}: <strong>{t.innovations.statuses[data.status] ?? data.status}</strong> ·{' '}
        {t.innovations.updated}: {formatDateTime(data.updatedAt)}
      </p>
      {refusal && <RefusalSummary text={refusal.text} missingTitle={t.detail.missing} missing={refusal.missing} />}
      <Notice text={notice} />
      <h2>{t.detail.profile}</h2>
      <dl class="profile">
        {data.problemStatement && (
          <>
            <dt>{t.fields.problemStatement?.label}</dt>
            <dd>{data.problemStatement}</dd>
          </>
        )}
        {data.governmentAffairs && (
          <>
            <dt>{t.fields.governmentAffairs?.label}</dt>
            <dd>{data.governmentAffairs.map((affair) => t.affairs[affair] ?? affair).join(', ')}</dd>
          </>
        )}
        {data.results && (
          <>
            <dt>{t.fields.results?.label}</dt>
            <dd>{data.results}</dd>
          </>
        )}
      </dl>
      {owner && data.status !== 'withdrawn' && (
        <p>
          <a class="button secondary" href={`/inovasi/${data.id}/ubah`}>
            {t.detail.edit}
          </a>
        </p>
      )}
      {data.status === 'draft' && (
        <>
          <p>{t.detail.notRegistered}</p>
          {owner && (
            <>
              <p class="hint" id="register-hint">
                {t.detail.registerHint}
              </p>
              <button
                type="button"
                disabled={busy}
                aria-describedby="register-hint"
                onClick={() =>
                  void act(
                    () => api('POST', `/innovations/${data.id}/register`, { body: {}, ifMatch: innovation.etag }),
                    t.detail.registered,
                    TRACK_TRIES,
                  )
                }
              >
                {t.detail.register}
              </button>
            </>
          )}
        </>
      )}
      {data.status === 'registered' && (
        <>
          <h2>{t.detail.track}</h2>
          {track === null && <p>{t.detail.noTrack}</p>}
          {track && (
            <>
              <ol class="stages" aria-label={t.detail.track}>
                {Object.entries(t.stages).map(([stage, label]) => (
                  <li key={stage} aria-current={stage === track.stage ? 'step' : undefined}>
                    {label}
                  </li>
                ))}
              </ol>
              <p>
                {t.detail.stage}: <strong>{t.stages[track.stage] ?? track.stage}</strong> · {t.detail.trackStatus}:{' '}
                {t.trackStatuses[track.status] ?? track.status}
              </p>
              {(track.stage === 'deliver' || track.stage === 'display') && (
                <nav aria-label={t.opd.links.title}>
                  <ul class="inline-links">
                    <li>
                      <a href={`/inovasi/${data.id}/penilaian-mandiri`}>{t.opd.links.selfAssessment}</a>
                    </li>
                    <li>
                      <a href={`/inovasi/${data.id}/hasil`}>{t.opd.links.results}</a>
                    </li>
                    {track.stage === 'display' && (
                      <li>
                        <a href={`/inovasi/${data.id}/monev`}>{t.opd.links.monev}</a>
                      </li>
                    )}
                  </ul>
                </nav>
              )}
              {lastEntry?.action === 'returned' && !track.pendingRequest && (
                <div class="returned" role="note" aria-labelledby="returned-title">
                  <h3 id="returned-title">{t.detail.returnedTitle}</h3>
                  <p>{t.detail.returnedBy(lastEntry.actor.username, formatDateTime(lastEntry.at))}</p>
                  {lastEntry.note && <p class="returned-note">{lastEntry.note}</p>}
                </div>
              )}
              {gate?.next && track.status !== 'withdrawn' && (
                <div class="gate">
                  <h3>{t.detail.gateTitle(t.stages[gate.next] ?? gate.next)}</h3>
                  {gate.met ? (
                    <p>{t.detail.gateMet}</p>
                  ) : (
                    <>
                      <p>{t.detail.gateMissing}</p>
                      <ul>
                        {gate.missing.map((item) => (
                          <li key={item.message}>{item.message}</li>
                        ))}
                      </ul>
                      {owner && <p>{t.detail.gateFix}</p>}
                    </>
                  )}
                </div>
              )}
              {track.pendingRequest && <p>{t.detail.pending}</p>}
              {owner && track.status === 'active' && !track.pendingRequest && track.stage !== 'display' && (
                <form
                  onSubmit={(event) => {
                    event.preventDefault();
                    void act(
                      () =>
                        api('POST', `/innovations/${data.id}/track/advance-requests`, {
                          body: note.trim() ? { note } : {},
                        }),
                      t.detail.requested,
                    );
                  }}
                >
                  <div class="field">
                    <label for="advance-note">
                      {t.detail.requestNote} <span class="field-note">({t.form.optional})</span>
                    </label>
                    <textarea
                      id="advance-note"
                      rows={3}
                      value={note}
                      onInput={(event) => setNote(event.currentTarget.value)}
                    />
                  </div>
                  <button type="submit" disabled={busy}>
                    {t.detail.requestAdvance}
                  </button>
                </form>
              )}
            </>
          )}
        </>
      )}
    </section>
  );
}
