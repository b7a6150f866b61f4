import { type Innovation, type MonevReport, monevInput, type Track } from '@inovda/contracts';
import { fieldErrors, indonesianMessage } from '@inovda/kernel';
import { Fragment } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { ErrorSummary, Field, Notice, PageLoading } from '../components/fields';
import { formatDateTime, t } from '../i18n';
import { ApiProblem, api, type FieldMessage } from '../lib/api';
import { hasRole, useSession } from '../lib/session';
import { useUnsavedChanges } from '../lib/unsaved-changes';
import { refusalText, useApiAction } from '../lib/use-api-action';

const words = t.opd.monev;
const COUNTS = ['beneficiariesServed', 'complaintsReceived', 'complaintsResolved'] as const;

interface Draft {
  period: string;
  progress: string;
  issues: string;
  counts: Record<(typeof COUNTS)[number], string>;
}

const emptyDraft = (period: string): Draft => ({
  period,
  progress: '',
  issues: '',
  counts: { beneficiariesServed: '', complaintsReceived: '', complaintsResolved: '' },
});

/** The body as typed: empty optional fields left out, numbers as the digits typed (the schema reads them). */
function toInput(draft: Draft): unknown {
  const indicators = Object.fromEntries(
    COUNTS.flatMap((name) => (draft.counts[name].trim() === '' ? [] : [[name, draft.counts[name].trim()]])),
  );
  return {
    period: draft.period,
    progress: draft.progress,
    indicators,
    ...(draft.issues.trim() === '' ? {} : { issues: draft.issues }),
  };
}

function labelOf(path: string): string {
  const parts = path.split('/').filter(Boolean);
  const field = parts[0] === 'indicators' ? (parts[1] ?? '') : (parts[0] ?? '');
  return words.fields[field]?.label ?? field;
}

/** Every monev report filed for the innovation (by period), a few bounded pages. */
async function everyReport(id: string): Promise<MonevReport[]> {
  const reports: MonevReport[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 20; page++) {
    const { data } = await api<{ items: MonevReport[]; nextCursor: string | null }>(
      'GET',
      `/innovations/${encodeURIComponent(id)}/monev`,
      { query: { limit: '100', ...(cursor ? { cursor } : {}) } },
    );
    reports.push(...data.items);
    if (!data.nextCursor) break;
    cursor = data.nextCursor;
  }
  return reports;
}

/** One filed report as the OPD and the coordinator read it: when and by whom, the progress, the figures, the issues. */
function FiledReport({ report }: { report: MonevReport }) {
  const counts = COUNTS.filter((name) => report.indicators[name] !== undefined);
  return (
    <article>
      <h3>{words.filed(report.period, formatDateTime(report.reportedAt), report.reportedBy.username)}</h3>
      <dl class="profile">
        <dt>{words.fields.progress?.label}</dt>
        <dd>{report.progress}</dd>
        {counts.map((name) => (
          <Fragment key={name}>
            <dt>{words.fields[name]?.label}</dt>
            <dd>{t.opd.number(report.indicators[name] ?? 0)}</dd>
          </Fragment>
        ))}
        {report.issues && (
          <>
            <dt>{words.fields.issues?.label}</dt>
            <dd>{report.issues}</dd>
          </>
        )}
      </dl>
    </article>
  );
}

/** The monev reports of a launched innovation: what was filed, what is due next, and the form for a period. */
export default function MonevPage() {
  const { params } = useRoute();
  const id = params.id ?? '';
  const [innovation, setInnovation] = useState<Innovation>();
  const [track, setTrack] = useState<Track>();
  const [filed, setFiled] = useState<readonly MonevReport[]>([]);
  const [draft, setDraft] = useState<Draft>(() => emptyDraft(''));
  const [errors, setErrors] = useState<readonly FieldMessage[]>([]);
  const [loadProblem, setLoadProblem] = useState<string>();
  const { problem, notice, busy, run } = useApiAction();
  const session = useSession();
  // Anything typed counts, the figures too (the period is chosen, not typed).
  useUnsavedChanges(JSON.stringify({ ...draft, period: '' }) !== JSON.stringify(emptyDraft('')) && !busy);

  const load = useCallback(async () => {
    try {
      const [loaded, loadedTrack] = await Promise.all([
        api<Innovation>('GET', `/innovations/${encodeURIComponent(id)}`),
        api<Track>('GET', `/innovations/${encodeURIComponent(id)}/track`),
      ]);
      setInnovation(loaded.data);
      setTrack(loadedTrack.data);
      setFiled(loadedTrack.data.stage === 'display' ? await everyReport(id) : []);
    } catch (error) {
      setLoadProblem(refusalText(error));
    }
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);

  // The periods one may report now: every period up to the one about to fall due, less those already filed.
  const upcoming =
    track?.due?.kind === 'monev' ? track.due.period : track ? (track.monevLastReported ?? 0) + 1 : undefined;
  const filedPeriods = new Set(filed.map((report) => report.period));
  const open =
    upcoming === undefined
      ? []
      : Array.from({ length: upcoming }, (_, index) => `P${index + 1}`).filter((period) => !filedPeriods.has(period));
  const period = open.includes(draft.period) ? draft.period : (open[open.length - 1] ?? '');

  async function submit(event: Event) {
    event.preventDefault();
    const checked = monevInput.safeParse(toInput({ ...draft, period }), { error: indonesianMessage });
    if (!checked.success) {
      setErrors(fieldErrors(checked.error));
      return;
    }
    setErrors([]);
    const sent = await run(async () => {
      try {
        return await api<MonevReport>('POST', `/innovations/${encodeURIComponent(id)}/monev`, { body: checked.data });
      } catch (error) {
        // The API's own field messages go to their fields, as the browser's would.
        if (error instanceof ApiProblem) setErrors(error.errors);
        throw error;
      }
    }, words.sent(period));
    if (sent) {
      setDraft(emptyDraft(''));
      await load();
    }
  }

  const errorAt = (path: string) => errors.find((error) => error.path === path)?.message;
  if (!innovation || !track) {
    return <PageLoading problem={loadProblem} />;
  }
  // The owner OPD files reports (the API's rule); the coordinator and evaluators read them.
  const mayFile = hasRole(session, 'admin') || (hasRole(session, 'opd') && session?.opdId === innovation.opdId);
  return (
    <section>
      <h1>{words.title(innovation.name)}</h1>
      <p>
        <a href={`/inovasi/${innovation.id}`}>{t.opd.back(innovation.name)}</a>
      </p>
      <p>{mayFile ? words.intro : words.introReader}</p>
      {track.stage !== 'display' ? (
        <p>{words.notLaunched}</p>
      ) : (
        <>
          <p>
            {track.launchedAt && words.launchedAt(formatDateTime(track.launchedAt))}{' '}
            {track.due?.kind === 'monev' && words.due(`P${track.due.period}`, t.opd.date(track.due.date))}
          </p>
          <h2>{words.filedTitle}</h2>
          {filed.length === 0 ? (
            <p>{words.noneFiled}</p>
          ) : (
            filed.map((report) => <FiledReport key={report.period} report={report} />)
          )}
          {mayFile && (
            <>
              <h2>{words.formTitle}</h2>
              {problem && (
                <p class="error-message" role="alert">
                  {problem}
                </p>
              )}
              <Notice text={notice} />
              {open.length === 0 ? (
                <p>{words.allFiled}</p>
              ) : (
                <>
                  <ErrorSummary errors={errors} labelOf={labelOf} />
                  <form onSubmit={(event) => void submit(event)} noValidate>
                    <Field
                      path="/period"
                      label={words.fields.period?.label ?? ''}
                      hint={words.fields.period?.hint}
                      required
                      error={errorAt('/period')}
                    >
                      {(aria) => (
                        <select
                          {...aria}
                          value={period}
                          onChange={(event) => setDraft({ ...draft, period: event.currentTarget.value })}
                        >
                          {open.map((option) => (
                            <option key={option} value={option}>
                              {option}
                            </option>
                          ))}
                        </select>
                      )}
                    </Field>
                    <Field
                      path="/progress"
                      label={words.fields.progress?.label ?? ''}
                      hint={words.fields.progress?.hint}
                      required
                      error={errorAt('/progress')}
                    >
                      {(aria) => (
                        <textarea
                          {...aria}
                          rows={5}
                          value={draft.progress}
                          onInput={(event) => setDraft({ ...draft, progress: event.currentTarget.value })}
                        />
                      )}
                    </Field>
                    <fieldset>
                      <legend>{words.indicators}</legend>
                      {COUNTS.map((name) => (
                        <Field
                          key={name}
                          path={`/indicators/${name}`}
                          label={words.fields[name]?.label ?? name}
                          hint={words.fields[name]?.hint}
                          error={errorAt(`/indicators/${name}`)}
                        >
                          {(aria) => (
                            <input
                              {...aria}
                              type="text"
                              inputMode="numeric"
                              value={draft.counts[name]}
                              onInput={(event) =>
                                setDraft({ ...draft, counts: { ...draft.counts, [name]: event.currentTarget.value } })
                              }
                            />
                          )}
                        </Field>
                      ))}
                    </fieldset>
                    <Field
                      path="/issues"
                      label={words.fields.issues?.label ?? ''}
                      hint={words.fields.issues?.hint}
                      error={errorAt('/issues')}
                    >
                      {(aria) => (
                        <textarea
                          {...aria}
                          rows={3}
                          value={draft.issues}
                          onInput={(event) => setDraft({ ...draft, issues: event.currentTarget.value })}
                        />
                      )}
                    </Field>
                    <button type="submit" disabled={busy}>
                      {words.submit(period)}
                    </button>
                  </form>
                </>
              )}
            </>
          )}
        </>
      )}
    </section>
  );
}
