import { type evaluationSchema, type Innovation, type scoreSchema, settleInput } from '@inovda/contracts';
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

/** A decision in words: rejected (0), or accepted or lowered to a level. */
function decisionText(decided: { decision: string; level: number }): string {
  const what = t.evaluation.form.decided[decided.decision] ?? decided.decision;
  return decided.decision === 'reject' ? what : `${what}, ${t.evaluation.levelOf(decided.level)}`;
}

/** What the coordinator types to settle one indicator. */
interface Settling {
  level: string;
  reason: string;
}

/**
 * The coordinator's calibration of one innovation: its score per indicator with each evaluator's level, and for
 * every indicator flagged (evaluators more than one level apart) a form to settle its level with a recorded reason.
 */
export default function Calibration() {
  const { params } = useRoute();
  const id = params.id ?? '';
  const at = `/innovations/${encodeURIComponent(id)}`;
  const [name, setName] = useState<string>();
  const [score, setScore] = useState<Score | null>();
  const [evaluations, setEvaluations] = useState<readonly Evaluation[]>([]);
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
    } catch (error) {
      setProblem(refusalText(error));
    }
  }, [at, setProblem]);
  useEffect(() => {
    void load();
  }, [load]);

  async function settle(indicator: string, label: string) {
    const entry = typed[indicator] ?? { level: '', reason: '' };
    const checked = settleInput.safeParse(
      { indicator, level: entry.level === '' ? undefined : Number(entry.level), reason: entry.reason },
      { error: indonesianMessage },
    );
    if (!checked.success) {
      showErrors(indicator, fieldErrors(checked.error));
      return;
    }
    setErrors({});
    const done = await run(async () => {
      try {
        return await api<Score>('POST', `${at}/calibrations`, { body: checked.data });
      } catch (error) {
        // The API's own field messages (a level above the claim) go to their field, as the browser's would.
        if (error instanceof ApiProblem) showErrors(indicator, error.errors);
        throw error;
      }
    }, t.evaluation.calibration.settled(label));
    if (done) {
      setScore(done.data);
      setTyped({ ...typed, [indicator]: { level: '', reason: '' } });
    }
  }

  function showErrors(indicator: string, found: readonly FieldMessage[]) {
    const relative = (path: string) => `/${path.replace(/^\//, '')}`;
    setErrors(Object.fromEntries(found.map((error) => [`${indicator}${relative(error.path)}`, error.message])));
    const first = found[0];
    if (first) document.getElementById(inputId(`/${indicator}${relative(first.path)}`))?.focus();
  }

  const title = name ?? id;
  const flagged = score?.indicators.filter((indicator) => indicator.flagged) ?? [];
  const set = (indicator: string, change: Partial<Settling>) =>
    setTyped({ ...typed, [indicator]: { ...(typed[indicator] ?? { level: '', reason: '' }), ...change } });

  return (
    <section>
      <p>
        <a href={score ? `/siklus/${score.cycleId}/penugasan` : '/penugasan'}>{t.evaluation.calibration.back}</a>
      </p>
      <h1>{t.evaluation.calibration.title(title)}</h1>
      <p>{t.evaluation.calibration.intro}</p>
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
          {flagged.length === 0 && <p>{t.evaluation.calibration.nothingFlagged}</p>}
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
                    void settle(code, indicator.name);
                  }}
                >
                  <Field
                    path={`/${code}/level`}
                    label={t.evaluation.calibration.level}
                    hint={t.evaluation.calibration.levelHint(claimed)}
                    required
                    error={errors[`${code}/level`] || undefined}
                  >
                    {(aria) => (
                      <select
                        {...aria}
                        value={entry.level}
                        onChange={(event) => set(code, { level: event.currentTarget.value })}
                      >
                        <option value="">{t.choose}</option>
                        {[0, 1, 2, 3]
                          .filter((level) => level <= claimed)
                          .map((level) => (
                            <option key={level} value={String(level)}>
                              {t.evaluation.levelOf(level)}
                            </option>
                          ))}
                      </select>
                    )}
                  </Field>
                  <Field
                    path={`/${code}/reason`}
                    label={t.evaluation.calibration.reason}
                    hint={t.evaluation.calibration.reasonHint}
                    required
                    error={errors[`${code}/reason`] || undefined}
                  >
                    {(aria) => (
                      <textarea
                        {...aria}
                        rows={3}
                        value={entry.reason}
                        onInput={(event) => set(code, { reason: event.currentTarget.value })}
                      />
                    )}
                  </Field>
                  <button type="submit" disabled={busy}>
                    {t.evaluation.calibration.settle(indicator.name)}
                  </button>
                </form>
              </article>
            );
          })}
        </>
      )}
    </section>
  );
}
