import {
  type boardSchema,
  commitmentInput,
  noteInput,
  STAGES,
  type Stage,
  type stageEntrySchema,
  type Track,
} from '@inovda/contracts';
import { fieldErrors, indonesianMessage } from '@inovda/kernel';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import type * as z from 'zod/mini';
import { BarChart } from '../components/bar-chart';
import { ErrorSummary, Field, Notice, PageLoading } from '../components/fields';
import { formatDateTime, t } from '../i18n';
import { ApiProblem, api, type FieldMessage } from '../lib/api';
import { opdName, useAppConfig } from '../lib/config';
import { hasRole, useSession } from '../lib/session';
import { refusalText, useApiAction } from '../lib/use-api-action';

type Board = z.infer<typeof boardSchema>;
type StageEntry = z.infer<typeof stageEntrySchema>;

const stageName = (stage: string) => t.stages[stage] ?? stage;

/** The innovations listed for one stage: a page at a time, `cursor` for the next. */
interface StageList {
  readonly stage: Stage;
  readonly items: readonly StageEntry[];
  readonly cursor: string | null;
}

/**
 * The coordinator's board of a cycle: the funnel per stage and pledged vs registered per OPD, as charts that are
 * tables too; the OPDs' pledges (read on the board, set with a form); and the innovations of a stage, each with
 * hold or resume.
 */
export default function BoardPage() {
  const { params } = useRoute();
  const session = useSession();
  const config = useAppConfig();
  const cycleId = params.id ?? '';
  const path = `/cycles/${encodeURIComponent(cycleId)}`;
  const mayDecide = hasRole(session, 'coordinator', 'admin');
  const [board, setBoard] = useState<Board>();
  const [loadProblem, setLoadProblem] = useState<string>();
  const pledgeAction = useApiAction();
  const trackAction = useApiAction();
  const busy = pledgeAction.busy || trackAction.busy;

  const [pledgeOpd, setPledgeOpd] = useState('');
  const [pledged, setPledged] = useState('');
  const [pledgeErrors, setPledgeErrors] = useState<readonly FieldMessage[]>([]);

  const [chosenStage, setChosenStage] = useState<Stage>();
  const [list, setList] = useState<StageList>();
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [noteErrors, setNoteErrors] = useState<Record<string, string>>({});

  const loadBoard = useCallback(async () => {
    try {
      const { data } = await api<Board>('GET', `${path}/board`);
      setBoard(data);
      return data;
    } catch (error) {
      setLoadProblem(refusalText(error));
      return undefined;
    }
  }, [path]);

  const loadStage = useCallback(
    async (stage: Stage, after?: string) => {
      try {
        const { data } = await api<Board>('GET', `${path}/board`, {
          query: { stage, limit: '20', ...(after ? { cursor: after } : {}) },
        });
        const page = data.innovations ?? { items: [], nextCursor: null };
        setList((previous) => ({
          stage,
          items: [...(after && previous?.stage === stage ? previous.items : []), ...page.items],
          cursor: page.nextCursor,
        }));
      } catch (error) {
        setLoadProblem(refusalText(error));
      }
    },
    [path],
  );

  useEffect(() => {
    void (async () => {
      const loaded = await loadBoard();
      if (!loaded) return;
      // The list opens on the first stage that has innovations in it.
      const first = STAGES.find((stage) => loaded.funnel.stages[stage] > 0) ?? STAGES[0];
      setChosenStage(first);
      setPledgeOpd(loaded.opds[0]?.opdId ?? '');
      setPledged(String(loaded.opds[0]?.pledged ?? ''));
      await loadStage(first);
    })();
  }, [loadBoard, loadStage]);

  function choosePledgeOpd(opdId: string) {
    setPledgeOpd(opdId);
    const current = board?.opds.find((opd) => opd.opdId === opdId)?.pledged;
    setPledged(current === null || current === undefined ? '' : String(current));
    setPledgeErrors([]);
  }

  function savePledge(event: Event) {
    event.preventDefault();
    const checked = commitmentInput.safeParse({ pledged: pledged.trim() }, { error: indonesianMessage });
    if (!checked.success) {
      setPledgeErrors(fieldErrors(checked.error));
      return;
    }
    setPledgeErrors([]);
    const opdId = pledgeOpd;
    void pledgeAction.run(
      async () => {
        try {
          await api('PUT', `${path}/commitments/${encodeURIComponent(opdId)}`, { body: checked.data });
        } catch (error) {
          // The API's own field messages go to the pledge field, as the browser's would.
          if (error instanceof ApiProblem) setPledgeErrors(error.errors);
          throw error;
        }
        await loadBoard();
      },
      t.board.pledgeSaved(opdName(config, opdId), checked.data.pledged),
    );
  }

  async function holdOrResume(entry: StageEntry) {
    const key = entry.innovationId;
    const note = (notes[key] ?? '').trim();
    const checked = noteInput.safeParse(note === '' ? {} : { note }, { error: indonesianMessage });
    if (!checked.success) {
      setNoteErrors({ ...noteErrors, [key]: fieldErrors(checked.error)[0]?.message ?? '' });
      document.getElementById(`note-${key}`)?.focus();
      return;
    }
    setNoteErrors({ ...noteErrors, [key]: '' });
    const action = entry.status === 'held' ? 'resume' : 'hold';
    const done = await trackAction.run(
      () => api<Track>('POST', `/innovations/${encodeURIComponent(key)}/track/${action}`, { body: checked.data }),
      action === 'hold' ? t.board.heldNow(entry.name) : t.board.resumedNow(entry.name),
    );
    if (done === undefined) return;
    setNotes({ ...notes, [key]: '' });
    // The track as the API answered: the stage list is an index that may lag behind the decision.
    setList((previous) =>
      previous
        ? {
            ...previous,
            items: previous.items.map((item) =>
              item.innovationId === key ? { ...item, status: done.data.status } : item,
            ),
          }
        : previous,
    );
    await loadBoard();
  }

  if (!board) {
    return <PageLoading heading={t.board.heading} problem={loadProblem} />;
  }

  const { cycle, funnel, opds } = board;
  const target = opds[0]?.target;
  const pledgeError = pledgeErrors.find((error) => error.path === '/pledged')?.message;

  return (
    <section>
      <h1>{t.board.title(cycle.name)}</h1>
      <ul class="co-links">
        <li>
          <a href="/siklus">{t.board.back}</a>
        </li>
        {cycle.status !== 'planned' && (
          <li>
            <a href={`/siklus/${cycle.id}/tinjauan`}>{t.cycles.reviewQueue(cycle.name)}</a>
          </li>
        )}
        <li>
          <a href={`/siklus/${cycle.id}/hasil`}>{t.results.link(cycle.name)}</a>
        </li>
      </ul>
      <p>
        {t.cycles.status}: {t.cycles.statuses[cycle.status] ?? cycle.status}
      </p>
      {loadProblem && (
        <p class="error-message" role="alert">
          {loadProblem}
        </p>
      )}

      <h2>{t.board.funnelTitle}</h2>
      <BarChart
        id="funnel-chart"
        caption={t.board.funnelCaption}
        description={t.board.chartHint}
        rowHeader={t.board.stage}
        series={[{ key: 'count', label: t.board.innovations }]}
        rows={STAGES.map((stage) => ({ key: stage, label: stageName(stage), values: [funnel.stages[stage]] }))}
      />
      <dl class="co-totals">
        <div>
          <dt>{t.board.registered}</dt>
          <dd>{funnel.registered}</dd>
        </div>
        <div>
          <dt>{t.board.held}</dt>
          <dd>{funnel.held}</dd>
        </div>
        <div>
          <dt>{t.board.withdrawn}</dt>
          <dd>{funnel.withdrawn}</dd>
        </div>
      </dl>

      <h2>{t.board.opdTitle}</h2>
      <BarChart
        id="opd-chart"
        caption={t.board.opdCaption}
        description={target === undefined ? t.board.chartHint : `${t.board.target(target)} ${t.board.chartHint}`}
        rowHeader={t.board.opd}
        series={[
          { key: 'pledged', label: t.board.pledged, missing: t.board.notPledged },
          { key: 'registered', label: t.board.registered },
        ]}
        rows={opds.map((opd) => ({
          key: opd.opdId,
          label: opdName(config, opd.opdId),
          values: [opd.pledged, opd.registered],
        }))}
      />

      {mayDecide && cycle.status !== 'closed' && (
        <>
          <h2>{t.board.pledgeTitle}</h2>
          <p>{t.board.pledgeIntro}</p>
          <ErrorSummary errors={pledgeErrors} labelOf={() => t.board.pledgeCount} />
          <form onSubmit={savePledge} noValidate>
            <Field path="/opdId" label={t.board.opd} required>
              {(aria) => (
                <select {...aria} value={pledgeOpd} onChange={(event) => choosePledgeOpd(event.currentTarget.value)}>
                  {opds.map((opd) => (
                    <option key={opd.opdId} value={opd.opdId}>
                      {opdName(config, opd.opdId)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field path="/pledged" label={t.board.pledgeCount} hint={t.board.pledgeHint} required error={pledgeError}>
              {(aria) => (
                <input
                  {...aria}
                  type="text"
                  inputMode="numeric"
                  value={pledged}
                  onInput={(event) => setPledged(event.currentTarget.value)}
                />
              )}
            </Field>
            <button type="submit" disabled={busy}>
              {t.board.savePledge(opdName(config, pledgeOpd))}
            </button>
          </form>
          {pledgeAction.problem && (
            <p class="error-message" role="alert">
              {pledgeAction.problem}
            </p>
          )}
          <Notice text={pledgeAction.notice} />
        </>
      )}

      <h2>{t.board.tracksTitle}</h2>
      <form
        class="co-inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (chosenStage) void loadStage(chosenStage);
        }}
      >
        <div class="field">
          <label for="board-stage">{t.board.stage}</label>
          <select
            id="board-stage"
            value={chosenStage}
            onChange={(event) => setChosenStage(event.currentTarget.value as Stage)}
          >
            {STAGES.map((stage) => (
              <option key={stage} value={stage}>
                {t.board.stageOption(stageName(stage), funnel.stages[stage])}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="secondary">
          {t.board.showTracks}
        </button>
      </form>

      {trackAction.problem && (
        <p class="error-message" role="alert">
          {trackAction.problem}
        </p>
      )}
      <Notice text={trackAction.notice} />

      {list && (
        <>
          <h3>{t.board.tracksIn(stageName(list.stage))}</h3>
          {list.items.length === 0 && <p>{t.board.tracksEmpty}</p>}
          {list.items.map((entry) => {
            const key = entry.innovationId;
            const error = noteErrors[key];
            return (
              <article class="card" key={key} aria-labelledby={`track-${key}`}>
                <h4 id={`track-${key}`}>
                  <a href={`/inovasi/${key}`}>{entry.name}</a>
                </h4>
                <p>
                  {opdName(config, entry.opdId)} · {t.trackStatuses[entry.status] ?? entry.status} · {t.board.enteredAt}{' '}
                  {formatDateTime(entry.stageEnteredAt)}
                </p>
                {entry.pendingRequest && <p>{t.board.pendingRequest(stageName(entry.pendingRequest.to))}</p>}
                {mayDecide && entry.status !== 'withdrawn' && (
                  <>
                    <div class={error ? 'field field-error' : 'field'}>
                      <label for={`note-${key}`}>
                        {t.board.note(entry.name)} <span class="field-note">({t.form.optional})</span>
                      </label>
                      {error && (
                        <p class="error-message" id={`note-error-${key}`}>
                          {error}
                        </p>
                      )}
                      <input
                        id={`note-${key}`}
                        type="text"
                        value={notes[key] ?? ''}
                        {...(error ? { 'aria-invalid': true, 'aria-describedby': `note-error-${key}` } : {})}
                        onInput={(event) => setNotes({ ...notes, [key]: event.currentTarget.value })}
                      />
                    </div>
                    <button
                      type="button"
                      class={entry.status === 'held' ? undefined : 'secondary'}
                      disabled={busy}
                      onClick={() => void holdOrResume(entry)}
                    >
                      {entry.status === 'held' ? t.board.resume(entry.name) : t.board.hold(entry.name)}
                    </button>
                  </>
                )}
              </article>
            );
          })}
          {list.cursor && (
            <button
              type="button"
              class="secondary"
              onClick={() => void loadStage(list.stage, list.cursor ?? undefined)}
            >
              {t.board.more}
            </button>
          )}
        </>
      )}
    </section>
  );
}
