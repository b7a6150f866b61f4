import {
  type assignmentsInput,
  assignmentsInput as assignmentsSchema,
  autoAssignInput,
  type autoAssignResultSchema,
  type boardSchema,
  type Cycle,
  type evaluationSchema,
  type evaluatorSchema,
  type scoreSchema,
  type selfAssessmentSchema,
} from '@inovda/contracts';
import { fieldErrors, indonesianMessage } from '@inovda/kernel';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import type * as z from 'zod/mini';
import { Field, Notice } from '../components/fields';
import { t } from '../i18n';
import { ApiProblem, api } from '../lib/api';
import { opdName, useAppConfig } from '../lib/config';
import { refusalText, useApiAction } from '../lib/use-api-action';

type Board = z.infer<typeof boardSchema>;
type StageEntry = NonNullable<Board['innovations']>['items'][number];
type Evaluator = z.infer<typeof evaluatorSchema>;
type Evaluation = z.infer<typeof evaluationSchema>;
type Score = z.infer<typeof scoreSchema>;
type SelfAssessment = z.infer<typeof selfAssessmentSchema>;
type AutoResult = z.infer<typeof autoAssignResultSchema>;
type AssignmentsBody = z.infer<typeof assignmentsInput>;

/** What the coordinator needs about one innovation to staff it: its self-assessment, evaluations and score. */
interface Row {
  readonly entry: StageEntry;
  readonly selfAssessment: SelfAssessment | undefined;
  readonly evaluations: readonly Evaluation[];
  readonly score: Score | undefined;
}

/** A read that may find nothing yet (404): undefined then; any other refusal is thrown. */
async function found<T>(path: string): Promise<T | undefined> {
  try {
    return (await api<T>('GET', path)).data;
  } catch (error) {
    if (error instanceof ApiProblem && error.status === 404) return undefined;
    throw error;
  }
}

/** Why an evaluator may not verify an innovation (their OPD, or a declared conflict), if they may not. */
function conflicted(evaluator: Evaluator, entry: StageEntry): boolean {
  return (
    evaluator.opdId === entry.opdId ||
    evaluator.conflicts.opdIds.includes(entry.opdId) ||
    evaluator.conflicts.innovationIds.includes(entry.innovationId)
  );
}

/** `/penugasan`: the cycles, each leading to its assignment page. */
function ChooseCycle() {
  const [cycles, setCycles] = useState<readonly Cycle[]>();
  const { problem, run } = useApiAction();
  useEffect(() => {
    void run(() => api<{ items: Cycle[] }>('GET', '/cycles', { query: { limit: '100' } })).then((loaded) => {
      if (loaded) setCycles(loaded.data.items);
    });
  }, [run]);
  return (
    <section>
      <h1>{t.evaluation.assign.chooseTitle}</h1>
      <p>{t.evaluation.assign.chooseIntro}</p>
      {problem && (
        <p class="error-message" role="alert">
          {problem}
        </p>
      )}
      {cycles === undefined && !problem && <p role="status">{t.app.loading}</p>}
      {cycles?.length === 0 && <p>{t.evaluation.assign.noCycles}</p>}
      {cycles && cycles.length > 0 && (
        <ul>
          {cycles.map((cycle) => (
            <li key={cycle.id}>
              <a href={`/siklus/${cycle.id}/penugasan`}>{t.evaluation.assign.cycleLink(cycle.name)}</a> (
              {t.cycles.statuses[cycle.status] ?? cycle.status})
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * The coordinator's evaluator assignment for one cycle: the innovations at Deliver and Display with their
 * self-assessment, who verifies them and how far the score is; evaluators assigned by hand per innovation, or by
 * the cycle's balanced rule; and the way to calibration where evaluators disagree.
 */
function CycleAssignments({ cycleId }: { cycleId: string }) {
  const config = useAppConfig();
  const [cycle, setCycle] = useState<Cycle>();
  const [rows, setRows] = useState<readonly Row[]>();
  const [evaluators, setEvaluators] = useState<readonly Evaluator[]>([]);
  const [chosen, setChosen] = useState<Record<string, readonly string[]>>({});
  const [choiceErrors, setChoiceErrors] = useState<Record<string, string>>({});
  const [perInnovation, setPerInnovation] = useState('2');
  const [perInnovationError, setPerInnovationError] = useState<string>();
  const [autoResult, setAutoResult] = useState<AutoResult>();
  const { problem, notice, busy, run, setProblem } = useApiAction();

  // Read without `run`, so a reload after an action keeps the action's notice on screen.
  const load = useCallback(async () => {
    try {
      const base = `/cycles/${encodeURIComponent(cycleId)}`;
      const [cycleAnswer, listed, ...boards] = await Promise.all([
        api<Cycle>('GET', base),
        api<{ items: Evaluator[] }>('GET', '/evaluators'),
        ...(['deliver', 'display'] as const).map((stage) =>
          api<Board>('GET', `${base}/board`, { query: { stage, limit: '100' } }),
        ),
      ]);
      const entries = boards.flatMap((board) => board.data.innovations?.items ?? []);
      const staffed = await Promise.all(
        entries.map(async (entry): Promise<Row> => {
          const at = `/innovations/${encodeURIComponent(entry.innovationId)}`;
          const [selfAssessment, evaluations, score] = await Promise.all([
            found<SelfAssessment>(`${at}/self-assessment`),
            found<{ items: Evaluation[] }>(`${at}/evaluations`),
            found<Score>(`${at}/score`),
          ]);
          return { entry, selfAssessment, evaluations: evaluations?.items ?? [], score };
        }),
      );
      setCycle(cycleAnswer.data);
      setEvaluators(listed.data.items);
      setRows(staffed);
    } catch (error) {
      setProblem(refusalText(error));
    }
  }, [cycleId, setProblem]);
  useEffect(() => {
    void load();
  }, [load]);

  async function assign(row: Row) {
    const key = row.entry.innovationId;
    const checked = assignmentsSchema.safeParse({ evaluators: chosen[key] ?? [] }, { error: indonesianMessage });
    if (!checked.success) {
      const message = fieldErrors(checked.error)[0]?.message ?? '';
      setChoiceErrors({ ...choiceErrors, [key]: `${t.evaluation.assign.chooseOne} (${message})` });
      document.getElementById(`evaluators-${key}`)?.focus();
      return;
    }
    setChoiceErrors({ ...choiceErrors, [key]: '' });
    const body: AssignmentsBody = checked.data;
    const done = await run(
      () => api('PUT', `/innovations/${encodeURIComponent(key)}/assignments`, { body }),
      t.evaluation.assign.assignedNotice(row.entry.name),
    );
    if (done) {
      setChosen({ ...chosen, [key]: [] });
      await load();
    }
  }

  async function autoAssign(event: Event) {
    event.preventDefault();
    const typed = perInnovation.trim() === '' ? undefined : Number(perInnovation);
    const checked = autoAssignInput.safeParse({ perInnovation: typed }, { error: indonesianMessage });
    if (!checked.success) {
      setPerInnovationError(fieldErrors(checked.error)[0]?.message);
      document.getElementById('f-perInnovation')?.focus();
      return;
    }
    setPerInnovationError(undefined);
    const result = await run(
      () => api<AutoResult>('POST', `/cycles/${encodeURIComponent(cycleId)}/assignments/auto`, { body: checked.data }),
      (answer) => t.evaluation.assign.autoDone(answer.data.assigned.length),
    );
    if (result) {
      setAutoResult(result.data);
      await load();
    }
  }

  const nameOf = (innovationId: string) =>
    rows?.find((row) => row.entry.innovationId === innovationId)?.entry.name ?? innovationId;
  const cycleName = cycle?.name ?? cycleId;

  return (
    <section>
      <p>
        <a href="/penugasan">{t.evaluation.assign.back}</a>
      </p>
      <h1>{t.evaluation.assign.title(cycleName)}</h1>
      <p>{t.evaluation.assign.intro}</p>
      {problem && (
        <p class="error-message" role="alert">
          {problem}
        </p>
      )}
      <Notice text={notice} />
      {rows === undefined && !problem && <p role="status">{t.app.loading}</p>}
      {rows?.length === 0 && <p>{t.evaluation.assign.empty}</p>}
      {rows && rows.length > 0 && evaluators.length === 0 && <p>{t.evaluation.assign.noEvaluators}</p>}
      {rows?.map((row) => {
        const key = row.entry.innovationId;
        const { entry, selfAssessment, evaluations, score } = row;
        const submitted = selfAssessment?.status === 'submitted';
        const error = choiceErrors[key];
        return (
          <article class="card" key={key} aria-labelledby={`title-${key}`}>
            <h2 id={`title-${key}`}>
              <a href={`/inovasi/${key}`}>{entry.name}</a>
            </h2>
            <p>
              {t.evaluation.opd}: {opdName(config, entry.opdId)} · {t.stages[entry.stage] ?? entry.stage} ·{' '}
              {t.evaluation.assign.selfAssessment}:{' '}
              {t.evaluation.assign.selfAssessmentStatuses[selfAssessment?.status ?? 'none']}
              {submitted && selfAssessment ? ` (${t.evaluation.assign.claimedScore(selfAssessment.claimedScore)})` : ''}
            </p>
            <h3>{t.evaluation.assign.assigned}</h3>
            {evaluations.length === 0 ? (
              <p>{t.evaluation.assign.noneAssigned}</p>
            ) : (
              <ul>
                {evaluations.map((evaluation) => (
                  <li key={evaluation.evaluator.sub}>
                    {evaluation.evaluator.username}:{' '}
                    {t.evaluation.statuses[evaluation.status === 'submitted' ? 'submitted' : 'assigned']}
                  </li>
                ))}
              </ul>
            )}
            {score && (
              <p>
                {t.evaluation.assign.score}: <strong>{t.evaluation.assign.scoreStatuses[score.status]}</strong>
                {score.status === 'scored' ? ` (${t.evaluation.calibration.total(score.total, score.maxScore)})` : ''}
                {' · '}
                <a href={`/inovasi/${key}/kalibrasi`}>
                  {score.status === 'flagged'
                    ? t.evaluation.assign.calibrate(entry.name)
                    : t.evaluation.assign.scoreDetail(entry.name)}
                </a>
              </p>
            )}
            {!submitted && <p class="hint">{t.evaluation.assign.notYet}</p>}
            {submitted && evaluators.length > 0 && (
              <fieldset
                id={`evaluators-${key}`}
                tabIndex={-1}
                class={error ? 'field-error' : undefined}
                aria-describedby={error ? `evaluators-error-${key}` : undefined}
              >
                <legend>{t.evaluation.assign.evaluators(entry.name)}</legend>
                {error && (
                  <p class="error-message" id={`evaluators-error-${key}`}>
                    {error}
                  </p>
                )}
                {evaluators.map((evaluator) => {
                  const already = evaluations.some((evaluation) => evaluation.evaluator.sub === evaluator.sub);
                  const conflict = conflicted(evaluator, entry);
                  const picked = chosen[key] ?? [];
                  const notes = [
                    t.evaluation.assign.load(evaluator.assigned),
                    ...(already ? [t.evaluation.assign.alreadyAssigned] : []),
                    ...(conflict ? [t.evaluation.assign.conflict] : []),
                  ];
                  return (
                    <label class="checkbox" key={evaluator.sub}>
                      <input
                        type="checkbox"
                        checked={already || picked.includes(evaluator.sub)}
                        disabled={already || conflict}
                        onChange={(event) =>
                          setChosen({
                            ...chosen,
                            [key]: event.currentTarget.checked
                              ? [...picked, evaluator.sub]
                              : picked.filter((sub) => sub !== evaluator.sub),
                          })
                        }
                      />{' '}
                      {evaluator.username} ({notes.join(', ')})
                    </label>
                  );
                })}
                <div class="actions">
                  <button type="button" disabled={busy} onClick={() => void assign(row)}>
                    {t.evaluation.assign.assign(entry.name)}
                  </button>
                </div>
              </fieldset>
            )}
          </article>
        );
      })}

      <h2>{t.evaluation.assign.autoTitle}</h2>
      <p>{t.evaluation.assign.autoIntro}</p>
      <form onSubmit={(event) => void autoAssign(event)} noValidate>
        <Field
          path="/perInnovation"
          label={t.evaluation.assign.perInnovation}
          hint={t.evaluation.assign.perInnovationHint}
          required
          error={perInnovationError}
        >
          {(aria) => (
            <input
              {...aria}
              type="text"
              inputMode="numeric"
              value={perInnovation}
              onInput={(event) => setPerInnovation(event.currentTarget.value)}
            />
          )}
        </Field>
        <button type="submit" disabled={busy}>
          {t.evaluation.assign.auto(cycleName)}
        </button>
      </form>
      {autoResult && (
        <div class="auto-result">
          <h3>{t.evaluation.assign.autoAssigned}</h3>
          <ul>
            {autoResult.assigned.map((item) => (
              <li key={`${item.innovationId}-${item.evaluator.sub}`}>
                {nameOf(item.innovationId)}: {item.evaluator.username}
              </li>
            ))}
          </ul>
          {autoResult.unstaffed.length > 0 && (
            <>
              <h3>{t.evaluation.assign.autoUnstaffed}</h3>
              <ul>
                {autoResult.unstaffed.map((item) => (
                  <li key={item.innovationId}>
                    {nameOf(item.innovationId)}: {t.evaluation.assign.missingEvaluators(item.missing)}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </section>
  );
}

/** `/penugasan` (choose a cycle) and `/siklus/:id/penugasan` (that cycle's assignments). */
export default function Assignments() {
  const { params } = useRoute();
  return params.id ? <CycleAssignments cycleId={params.id} /> : <ChooseCycle />;
}
