import { returnInput, type reviewQueueEntrySchema } from '@inovda/contracts';
import { fieldErrors, indonesianMessage } from '@inovda/kernel';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import type * as z from 'zod/mini';
import { Notice } from '../components/fields';
import { formatDateTime, t } from '../i18n';
import { api } from '../lib/api';
import { opdName, useAppConfig } from '../lib/config';
import { refusalText, useApiAction } from '../lib/use-api-action';

type ReviewQueueEntry = z.infer<typeof reviewQueueEntrySchema>;

/** The coordinator's review queue of one cycle: approve a request, or return it with the reasons the OPD must fix. */
export default function ReviewQueue() {
  const { params } = useRoute();
  const cycleId = params.id ?? '';
  const config = useAppConfig();
  const [entries, setEntries] = useState<readonly ReviewQueueEntry[]>();
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [reasonErrors, setReasonErrors] = useState<Record<string, string>>({});
  const { problem, notice, busy, run, setProblem } = useApiAction();

  const load = useCallback(async () => {
    try {
      const { data } = await api<{ items: ReviewQueueEntry[] }>(
        'GET',
        `/cycles/${encodeURIComponent(cycleId)}/advance-requests`,
        {
          query: { limit: '100' },
        },
      );
      setEntries(data.items);
    } catch (error) {
      setProblem(refusalText(error));
    }
  }, [cycleId, setProblem]);
  useEffect(() => {
    void load();
  }, [load]);

  async function decide(entry: ReviewQueueEntry, decision: 'approve' | 'return') {
    const key = entry.request.requestId;
    let body: unknown = {};
    if (decision === 'return') {
      const checked = returnInput.safeParse({ reasons: reasons[key] ?? '' }, { error: indonesianMessage });
      if (!checked.success) {
        setReasonErrors({ ...reasonErrors, [key]: fieldErrors(checked.error)[0]?.message ?? '' });
        document.getElementById(`reasons-${key}`)?.focus();
        return;
      }
      body = checked.data;
    }
    setReasonErrors({ ...reasonErrors, [key]: '' });
    const decided = await run(
      () => api('POST', `/innovations/${entry.innovationId}/track/advance-requests/${key}/${decision}`, { body }),
      decision === 'approve' ? t.review.approved(entry.name) : t.review.returned(entry.name),
    );
    if (decided) await load();
  }

  return (
    <section>
      <h1>{t.review.title}</h1>
      <p>
        <a href="/siklus">{t.review.back}</a>
      </p>
      {problem && (
        <p class="error-message" role="alert">
          {problem}
        </p>
      )}
      <Notice text={notice} />
      {entries === undefined && !problem && <p role="status">{t.app.loading}</p>}
      {entries?.length === 0 && <p>{t.review.empty}</p>}
      {entries?.map((entry) => {
        const key = entry.request.requestId;
        const error = reasonErrors[key];
        return (
          <article class="card" key={key} aria-labelledby={`title-${key}`}>
            <h2 id={`title-${key}`}>
              <a href={`/inovasi/${entry.innovationId}`}>{entry.name}</a>
            </h2>
            <p>
              {opdName(config, entry.opdId)} · {t.stages[entry.request.from] ?? entry.request.from} →{' '}
              {t.stages[entry.request.to] ?? entry.request.to} · {formatDateTime(entry.request.requestedAt)}
            </p>
            {entry.request.note && (
              <p>
                {t.review.note}: {entry.request.note}
              </p>
            )}
            <div class={error ? 'field field-error' : 'field'}>
              <label for={`reasons-${key}`}>{t.review.reasons}</label>
              <p class="hint" id={`reasons-hint-${key}`}>
                {t.review.reasonsHint}
              </p>
              {error && (
                <p class="error-message" id={`reasons-error-${key}`}>
                  {error}
                </p>
              )}
              <textarea
                id={`reasons-${key}`}
                rows={3}
                aria-describedby={`reasons-hint-${key}${error ? ` reasons-error-${key}` : ''}`}
                aria-invalid={error ? true : undefined}
                value={reasons[key] ?? ''}
                onInput={(event) => setReasons({ ...reasons, [key]: event.currentTarget.value })}
              />
            </div>
            <div class="actions">
              <button type="button" disabled={busy} onClick={() => void decide(entry, 'approve')}>
                {t.review.approve(entry.name)}
              </button>
              <button type="button" class="secondary" disabled={busy} onClick={() => void decide(entry, 'return')}>
                {t.review.return(entry.name)}
              </button>
            </div>
          </article>
        );
      })}
    </section>
  );
}
