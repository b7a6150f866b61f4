import type { Innovation, Track } from '@inovda/contracts';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { Notice } from '../components/fields';
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

/** One innovation: its profile, registration, and its 5D track with the advance request. */
export default function InnovationPage() {
  const { params } = useRoute();
  const session = useSession();
  const id = params.id ?? '';
  const [innovation, setInnovation] = useState<{ data: Innovation; etag: string }>();
  const [track, setTrack] = useState<Track | null>();
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

  const load = useCallback(async () => {
    try {
      const loaded = await api<Innovation>('GET', `/innovations/${encodeURIComponent(id)}`);
      setInnovation({ data: loaded.data, etag: loaded.etag ?? '' });
      if (loaded.data.status === 'registered') {
        const found = await api<Track>('GET', `/innovations/${encodeURIComponent(id)}/track`).catch(
          (error: unknown) => {
            if (error instanceof ApiProblem && error.status === 404) return undefined;
            throw error;
          },
        );
        setTrack(found ? found.data : null);
      }
    } catch (error) {
      setRefusal(refusalOf(error));
    }
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);

  async function act(run: () => Promise<unknown>, done: string) {
    setBusy(true);
    setRefusal(undefined);
    setNotice(undefined);
    try {
      await run();
      setNotice(done);
      await load();
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
      {refusal && (
        <div class="error-summary" role="alert">
          <p>{refusal.text}</p>
          {refusal.missing.length > 0 && (
            <>
              <h2>{t.detail.missing}</h2>
              <ul>
                {refusal.missing.map((item) => (
                  <li key={item}>{item}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
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
