import {
  type evaluationSchema,
  type Innovation,
  type rankingSchema,
  type scoreSchema,
  settleInput,
} from '@inovda/contracts';
import { fieldErrors, indonesianMessage } from '@inovda/kernel';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import type * as z from 'zod/mini';
import { Field, inputId, Notice } from '../components/fields';
import { TableFrame } from '../components/table-frame';
import { t } from '../i18n';
import { ApiProblem, api, type FieldMessage } from '../lib/api';
import { refusalText, useApiAction } from '../lib/use-api-action';

type Score = z.infer<typeof scoreSchema>;
type Evaluation = z.infer<typeof evaluationSchema>;
type Ranking = z.infer<typeof rankingSchema>;

/** The key of the correction form among the per-indicator calibration forms (no rubric code has a capital). */
const CORRECTION = 'Correction';

/** A decision in words: rejected (0), or accepted or lowered to a level. */
function decisionText(decided: { decision: string; level: number }): string {
  const what = t.evaluation.form.decided[decided.decision] ?? decided.decision;
  return decided.decision === 'reject' ? what : `${what}, ${t.evaluation.levelOf(decided.level)}`;
}

/** What the coordinator types to settle one indicator (the indicator itself is chosen only when correcting). */
interface Settling {
  indicator?: string;
  level: string;
  reason: string;
}

/** The levels a coordinator may set: 0 (rejected) up to the OPD's claim, never above. */
function LevelOptions({ claimed }: { claimed: number }) {
  return (
    <>
      <option value="">{t.choose}</option>
      {[0, 1, 2, 3]
        .filter((level) => level <= claimed)
        .map((level) => (
          <option key={level} value={String(level)}>
            {t.evaluation.levelOf(level)}
          </option>
        ))}
    </>
  );
}

/** The level a form settles and the reason recorded with it, as one form (`formKey`) holds them. */
function LevelAndReason({
  formKey,
  claimed,
  levelHint,
  reasonLabel,
  reasonHint,
  entry,
  errors,
  set,
}: {
  formKey: string;
  claimed: number;
  levelHint: string;
  reasonLabel: string;
  reasonHint: string;
  entry: Settling;
  errors: Record<string, string>;
  set: (formKey: string, change: Partial<Settling>) => void;
}) {
  return (
    <>
      <Field
        path={`/${formKey}/level`}
        label={t.evaluation.calibration.level}
        hint={levelHint}
        required
        error={errors[`${formKey}/level`] || undefined}
      >
        {(aria) => (
          <select
            {...aria}
            value={entry.level}
            onChange={(event) => set(formKey, { level: event.currentTarget.value })}
          >
            <LevelOptions claimed={claimed} />
          </select>
        )}
      </Field>
      <Field
        path={`/${formKey}/reason`}
        label={reasonLabel}
        hint={reasonHint}
        required
        error={errors[`${formKey}/reason`] || undefined}
      >
        {(aria) => (
          <textarea
            {...aria}
            rows={3}
            value={entry.reason}
            onInput={(event) => set(formKey, { reason: event.currentTarget.value })}
          />
        )}
      </Field>
    </>
  );
}

/**
 * The coordinator's calibration of one innovation: its score per indicator with each evaluator's level, and for
 * every indicator flagged (evaluators more than one level apart) a form to settle its level with a recorded reason.
 * Once the cycle's results are published, a score changes only by a correction (which publishes the results again),
 * so the page then offers that form instead.
 */
export default function Calibration() {
  const { params } = useRoute();
  const id = params.id ?? '';
  const at = `/innovations/${encodeURIComponent(id)}`;
  const [name, setName] = useState<string>();
  const [score, setScore] = useState<Score | null>();
  const [evaluations, setEvaluations] = useState<readonly Evaluation[]>([]);
  const [published, setPublished] = useState<Ranking['published']>(null);
  const [typed, setTyped] = useState<Record<string, Settling>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { problem, notice, busy, run, setProblem } = useApiAction();

  const load = useCallback(async () => {
    try {
      const [innovation, listed] = await Promise.all([
        api<Innovation>('GET', at).catch(() => undefined),
        api<{ items: Evaluation[] }>('GET', `${at}/evaluations`),
      ]);
      setName(innovation?.data.name);
      setEvaluations(listed.data.items);
      const found = await api<Score>('GET', `${at}/score`).catch((error: unknown) => {
        if (error instanceof ApiProblem && error.status === 404) return undefined;
        throw error;
      });
      setScore(found ? found.data : null);
      if (found) setPublished((await api<Ranking>('GET', `/cycles/${found.data.cycleId}/ranking`)).data.published);
    } catch (error) {
      setProblem(refusalText(error));
    }
  }, [at, setProblem]);
  useEffect(() => {
    void load();
  }, [load]);

  /**
   * Settles one indicator through `route` (a calibration, or a correction after publication); `key` names the form
   * whose fields show the errors.
   */
  async function settle(key: string, route: 'calibrations' | 'score-corrections') {
    const entry = typed[key] ?? { level: '', reason: '' };
    const indicator = key === CORRECTION ? entry.indicator : key;
    const checked = settleInput.safeParse(
      { indicator, level: entry.level === '' ? undefined : Number(entry.level), reason: entry.reason },
      { error: indonesianMessage },
    );
    if (!checked.success) {
      showErrors(key, fieldErrors(checked.error));
      return;
    }
    setErrors({});
    const label = score?.indicators.find((candidate) => candidate.indicator === indicator)?.name ?? String(indicator);
    const words = t.evaluation.calibration;
    const done = await run(
      async () => {
        try {
          return await api<Score>('POST', `${at}/${route}`, { body: checked.data });
        } catch (error) {
          // The API's own field messages (a level above the claim) go to their field, as the browser's would.
          if (error instanceof ApiProblem) showErrors(key, error.errors);
          throw error;
        }
      },
      route === 'calibrations' ? words.settled(label) : words.corrected(label),
    );
    if (done) {
      setScore(done.data);
      setTyped({ ...typed, [key]: { level: '', reason: '' } });
    }
  }

  function showErrors(indicator: string, found: readonly FieldMessage[]) {
    const relative = (path: string) => `/${path.replace(/^\//, '')}`;
    setErrors(Object.fromEntries(found.map((error) => [`${indicator}${relative(error.path)}`, error.message])));
    const first = found[0];
    if (first) document.getElementById(inputId(`/${indicator}${relative(first.path)}`))?.focus();
  }

  const title = name ?? id;
  const flagged = published ? [] : (score?.indicators.filter((indicator) => indicator.flagged) ?? []);
  const claimedIndicators = score?.indicators.filter((indicator) => indicator.claimedLevel) ?? [];
  const correcting = typed[CORRECTION] ?? { level: '', reason: '' };
  const correctingClaim =
    claimedIndicators.find((indicator) => indicator.indicator === correcting.indicator)?.claimedLevel ?? 3;
  const set = (indicator: string, change: Partial<Settling>) =>
    setTyped({ ...typed, [indicator]: { ...(typed[indicator] ?? { level: '', reason: '' }), ...change } });

  return (
    <section>
      <p>
        <a href={score ? `/siklus/${score.cycleId}/penugasan` : '/penugasan'}>{t.evaluation.calibration.back}</a>
      </p>
      <h1>{t.evaluation.calibration.title(title)}</h1>
      {/* After publication the correction form says what may still change. */}
      {!published && <p>{t.evaluation.calibration.intro}</p>}
      {problem && (
        <p class="error-message" role="alert">
          {problem}
        </p>
      )}
      <Notice text={notice} />
      {score === undefined && !problem && <p role="status">{t.app.loading}</p>}
      {score === null && <p>{t.evaluation.calibration.noScore}</p>}
      {score && (
        <>
          <p>
            {t.evaluation.calibration.status}: <strong>{t.evaluation.assign.scoreStatuses[score.status]}</strong> ·{' '}
            {t.evaluation.calibration.total(score.total, score.maxScore)}
          </p>
          <TableFrame label={t.evaluation.calibration.status}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t.evaluation.calibration.indicator}</th>
                  <th scope="col">{t.evaluation.claimed}</th>
                  <th scope="col">{t.evaluation.calibration.byEvaluator}</th>
                  <th scope="col">{t.evaluation.calibration.verified}</th>
                  <th scope="col">{t.evaluation.calibration.decidedBy}</th>
                </tr>
              </thead>
              <tbody>
                {score.indicators.map((indicator) => (
                  <tr key={indicator.indicator}>
                    <th scope="row">
                      {indicator.name}
                      {indicator.flagged ? ` (${t.evaluation.calibration.flagged})` : ''}
                    </th>
                    <td>{indicator.claimedLevel ? t.evaluation.levelOf(indicator.claimedLevel) : '–'}</td>
                    <td>
                      {(indicator.evaluators ?? [])
                        .map((entry) => `${entry.evaluator.username}: ${t.evaluation.levelOf(entry.level)}`)
                        .join('; ')}
                    </td>
                    <td>
                      {indicator.claimedLevel
                        ? t.evaluation.levelOf(indicator.level)
                        : t.evaluation.calibration.notClaimed}
                    </td>
                    <td>
                      {indicator.claimedLevel
                        ? (t.evaluation.calibration.decidedByValues[indicator.decidedBy] ?? indicator.decidedBy)
                        : '–'}
                      {indicator.reason ? `: ${indicator.reason}` : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableFrame>
          {!published && flagged.length === 0 && <p>{t.evaluation.calibration.nothingFlagged}</p>}
          {flagged.map((indicator) => {
            const code = indicator.indicator;
            const entry = typed[code] ?? { level: '', reason: '' };
            const claimed = indicator.claimedLevel ?? 0;
            return (
              <article class="card" key={code} aria-labelledby={`calibrate-${code}`}>
                <h2 id={`calibrate-${code}`}>{t.evaluation.calibration.formTitle(indicator.name)}</h2>
                <h3>{t.evaluation.calibration.reasonsTitle}</h3>
                <ul>
                  {evaluations.map((evaluation) => {
                    const decided = evaluation.decisions.find((decision) => decision.indicator === code);
                    return (
                      <li key={evaluation.evaluator.sub}>
                        {evaluation.evaluator.username}:{' '}
                        {decided
                          ? `${decisionText(decided)}${decided.reason ? `: ${decided.reason}` : ''}`
                          : t.evaluation.form.undecided}
                      </li>
                    );
                  })}
                </ul>
                <form
                  noValidate
                  onSubmit={(event) => {
                    event.preventDefault();
                    void settle(code, 'calibrations');
                  }}
                >
                  <LevelAndReason
                    formKey={code}
                    claimed={claimed}
                    levelHint={t.evaluation.calibration.levelHint(claimed)}
                    reasonLabel={t.evaluation.calibration.reason}
                    reasonHint={t.evaluation.calibration.reasonHint}
                    entry={entry}
                    errors={errors}
                    set={set}
                  />
                  <button type="submit" disabled={busy}>
                    {t.evaluation.calibration.settle(indicator.name)}
                  </button>
                </form>
              </article>
            );
          })}
          {published && (
            <article class="card" aria-labelledby="correct-title">
              <h2 id="correct-title">{t.evaluation.calibration.correctTitle}</h2>
              <p>{t.evaluation.calibration.correctIntro}</p>
              <form
                noValidate
                onSubmit={(event) => {
                  event.preventDefault();
                  void settle(CORRECTION, 'score-corrections');
                }}
              >
                <Field
                  path={`/${CORRECTION}/indicator`}
                  label={t.evaluation.calibration.indicator}
                  required
                  error={errors[`${CORRECTION}/indicator`] || undefined}
                >
                  {(aria) => (
                    <select
                      {...aria}
                      value={correcting.indicator ?? ''}
                      onChange={(event) =>
                        set(CORRECTION, { indicator: event.currentTarget.value || undefined, level: '' })
                      }
                    >
                      <option value="">{t.choose}</option>
                      {claimedIndicators.map((indicator) => (
                        <option key={indicator.indicator} value={indicator.indicator}>
                          {indicator.name}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <LevelAndReason
                  formKey={CORRECTION}
                  claimed={correctingClaim}
                  levelHint={
                    correcting.indicator
                      ? t.evaluation.calibration.levelHint(correctingClaim)
                      : t.evaluation.calibration.levelHintFirst
                  }
                  reasonLabel={t.evaluation.calibration.correctReason}
                  reasonHint={t.evaluation.calibration.correctReasonHint}
                  entry={correcting}
                  errors={errors}
                  set={set}
                />
                <button type="submit" disabled={busy}>
                  {t.evaluation.calibration.correct}
                </button>
              </form>
            </article>
          )}
        </>
      )}
    </section>
  );
}
