import {
  type claimSchema,
  evaluationInput,
  type evaluationSchema,
  type RubricEdition,
  type selfAssessmentSchema,
} from '@inovda/contracts';
import { fieldErrors, indonesianMessage } from '@inovda/kernel';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import type * as z from 'zod/mini';
import { ErrorSummary, Field, Notice, RefusalSummary, StaleNotice } from '../components/fields';
import { TableFrame } from '../components/table-frame';
import { formatDateTime, t } from '../i18n';
import { ApiProblem, api, type FieldMessage } from '../lib/api';
import { useUnsavedChanges } from '../lib/unsaved-changes';
import { refusalText } from '../lib/use-api-action';

type Evaluation = z.infer<typeof evaluationSchema>;
type Claim = z.infer<typeof claimSchema>;

/** One indicator's decision as the form holds it: what was chosen, as typed. */
interface Draft {
  decision: '' | 'accept' | 'lower' | 'reject';
  level: string;
  reason: string;
}
type Drafts = Record<string, Draft>;

const EMPTY: Draft = { decision: '', level: '', reason: '' };

function draftsOf(evaluation: Evaluation): Drafts {
  return Object.fromEntries(
    evaluation.claims.map((claim) => {
      const decided = evaluation.decisions.find((decision) => decision.indicator === claim.indicator);
      return [
        claim.indicator,
        decided
          ? {
              decision: decided.decision,
              level: decided.decision === 'lower' ? String(decided.level) : '',
              reason: decided.reason ?? '',
            }
          : EMPTY,
      ];
    }),
  );
}

/** The request body: the indicators decided so far, in claim order (a draft need not decide every one). */
function inputOf(claims: readonly Claim[], drafts: Drafts): { indicators: string[]; body: unknown } {
  const decided = claims.filter((claim) => (drafts[claim.indicator] ?? EMPTY).decision !== '');
  return {
    indicators: decided.map((claim) => claim.indicator),
    body: {
      decisions: decided.map((claim) => {
        const draft = drafts[claim.indicator] ?? EMPTY;
        if (draft.decision === 'accept') return { indicator: claim.indicator, decision: 'accept' };
        if (draft.decision === 'reject')
          return { indicator: claim.indicator, decision: 'reject', reason: draft.reason };
        return {
          indicator: claim.indicator,
          decision: 'lower',
          level: draft.level === '' ? undefined : Number(draft.level),
          reason: draft.reason,
        };
      }),
    },
  };
}

/** `/decisions/2/reason` (or the API's `decisions/2/reason`) as the form's own path, `/<indicator>/reason`. */
function formPaths(errors: readonly FieldMessage[], indicators: readonly string[]): FieldMessage[] {
  return errors.map((error) => {
    const [list, index, field] = error.path.replace(/^\//, '').split('/');
    const indicator = list === 'decisions' && index !== undefined ? indicators[Number(index)] : undefined;
    return indicator ? { path: `/${indicator}/${field ?? 'decision'}`, message: error.message } : error;
  });
}

/** What a refusal lists as still missing (`missing`: strings, or items with a message). */
function missingOf(error: unknown): string[] {
  if (!(error instanceof ApiProblem) || !Array.isArray(error.body.missing)) return [];
  return error.body.missing.flatMap((item: unknown) => {
    if (typeof item === 'string') return [item];
    const message = (item as { message?: unknown } | null)?.message;
    return typeof message === 'string' ? [message] : [];
  });
}

const indicatorName = (code: string, edition: RubricEdition | undefined) =>
  edition?.innovation.indicators.find((spec) => spec.code === code)?.name ?? t.indicators[code] ?? code;

/**
 * The evaluator's verification of one innovation: for each claimed indicator, accept, lower (with the level and a
 * reason) or reject (with a reason); saved as a draft, then submitted once and final. Blind review: nothing of the
 * other evaluators is asked for until this evaluator's own verification is submitted (the API refuses it anyway).
 */
export default function EvaluationForm() {
  const { params } = useRoute();
  const id = params.innovationId ?? '';
  const path = `/innovations/${encodeURIComponent(id)}`;
  const [evaluation, setEvaluation] = useState<{ data: Evaluation; etag: string | undefined }>();
  const [name, setName] = useState<string>();
  const [edition, setEdition] = useState<RubricEdition>();
  const [drafts, setDrafts] = useState<Drafts>({});
  const [errors, setErrors] = useState<readonly FieldMessage[]>([]);
  const [problem, setProblem] = useState<string>();
  const [missing, setMissing] = useState<readonly string[]>([]);
  const [stale, setStale] = useState<readonly string[]>([]);
  const [notice, setNotice] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [all, setAll] = useState<readonly Evaluation[]>();

  const show = useCallback((loaded: { data: Evaluation; etag: string | undefined }) => {
    setEvaluation(loaded);
    setDrafts(draftsOf(loaded.data));
  }, []);

  useEffect(() => {
    void (async () => {
      try {
        const loaded = await api<Evaluation>('GET', `${path}/evaluations/mine`);
        show({ data: loaded.data, etag: loaded.etag });
        // The innovation's name (my assignments carry it) and the rubric's words for each level: helpful, optional.
        const mine = await api<{ items: Array<{ innovationId: string; name: string }> }>('GET', '/evaluations', {
          query: { limit: '100' },
        }).catch(() => undefined);
        setName(mine?.data.items.find((item) => item.innovationId === id)?.name);
        const selfAssessment = await api<z.infer<typeof selfAssessmentSchema>>('GET', `${path}/self-assessment`).catch(
          () => undefined,
        );
        if (selfAssessment) {
          const found = await api<RubricEdition>(
            'GET',
            `/rubric-editions/${encodeURIComponent(selfAssessment.data.editionId)}`,
          ).catch(() => undefined);
          setEdition(found?.data);
        }
      } catch (error) {
        setProblem(refusalText(error));
      }
    })();
  }, [id, path, show]);

  // Only once my own verification is submitted may I see the others' (the API answers 403 before).
  const submitted = evaluation?.data.status === 'submitted';
  useEffect(() => {
    if (!submitted) return;
    void api<{ items: Evaluation[] }>('GET', `${path}/evaluations`)
      .then((loaded) => setAll(loaded.data.items))
      .catch((error: unknown) => setProblem(refusalText(error)));
  }, [submitted, path]);

  const dirty =
    evaluation !== undefined && !submitted && JSON.stringify(drafts) !== JSON.stringify(draftsOf(evaluation.data));
  useUnsavedChanges(dirty && !busy);

  /** Saves the draft (validated in the browser first); resolves to the saved evaluation, or undefined if refused. */
  async function save(): Promise<{ data: Evaluation; etag: string | undefined } | undefined> {
    if (!evaluation) return undefined;
    const { indicators, body } = inputOf(evaluation.data.claims, drafts);
    const checked = evaluationInput.safeParse(body, { error: indonesianMessage });
    if (!checked.success) {
      setErrors(formPaths(fieldErrors(checked.error), indicators));
      return undefined;
    }
    setErrors([]);
    try {
      const saved = await api<Evaluation>('PUT', `${path}/evaluations/mine`, {
        body: checked.data,
        ...(evaluation.etag ? { ifMatch: evaluation.etag } : {}),
      });
      const next = { data: saved.data, etag: saved.etag };
      setEvaluation(next);
      setStale([]);
      return next;
    } catch (error) {
      if (error instanceof ApiProblem && error.status === 412) {
        // Saved elsewhere meanwhile: keep what is typed here, show which decisions differ, save over it next time.
        const current = await api<Evaluation>('GET', `${path}/evaluations/mine`);
        const theirs = draftsOf(current.data);
        setStale(
          current.data.claims
            .map((claim) => claim.indicator)
            .filter((code) => JSON.stringify(theirs[code]) !== JSON.stringify(drafts[code])),
        );
        setEvaluation({ data: current.data, etag: current.etag });
        return undefined;
      }
      if (error instanceof ApiProblem) setErrors(formPaths(error.errors, indicators));
      throw error;
    }
  }

  async function act(what: 'save' | 'submit') {
    if (what === 'submit' && evaluation) {
      // Every claimed indicator needs a decision (the API's rule, which names them by code): said here by name.
      const undecided = evaluation.data.claims.filter((claim) => (drafts[claim.indicator] ?? EMPTY).decision === '');
      if (undecided.length > 0) {
        setNotice(undefined);
        setProblem(t.evaluation.form.incomplete);
        setMissing(undecided.map((claim) => t.evaluation.form.undecidedOne(indicatorName(claim.indicator, edition))));
        return;
      }
    }
    if (what === 'submit' && !window.confirm(t.evaluation.form.confirmSubmit)) return;
    setBusy(true);
    setProblem(undefined);
    setNotice(undefined);
    setMissing([]);
    try {
      const saved = await save();
      if (!saved) return;
      if (what === 'save') {
        setNotice(t.evaluation.form.saved);
        return;
      }
      const done = await api<Evaluation>('POST', `${path}/evaluations/mine/submit`, {
        ...(saved.etag ? { ifMatch: saved.etag } : {}),
      });
      show({ data: done.data, etag: done.etag });
      setNotice(t.evaluation.form.submitted);
    } catch (error) {
      setProblem(refusalText(error));
      setMissing(missingOf(error));
    } finally {
      setBusy(false);
    }
  }

  if (!evaluation) {
    return (
      <section>
        <p>
          <a href="/penilaian">{t.evaluation.form.back}</a>
        </p>
        {problem ? (
          <p class="error-message" role="alert">
            {problem}
          </p>
        ) : (
          <p role="status">{t.app.loading}</p>
        )}
      </section>
    );
  }
  const { data } = evaluation;
  const others = all?.filter((other) => other.evaluator.sub !== data.evaluator.sub);
  const title = name ?? id;
  const setDraft = (indicator: string, change: Partial<Draft>) =>
    setDrafts((previous) => ({ ...previous, [indicator]: { ...(previous[indicator] ?? EMPTY), ...change } }));
  const errorAt = (at: string) => errors.find((error) => error.path === at)?.message;
  const labelOf = (at: string) => {
    const [indicator = '', field] = at.split('/').slice(1);
    const what = field === 'reason' ? t.evaluation.form.reason : field === 'level' ? t.evaluation.form.lowerTo : field;
    return `${indicatorName(indicator, edition)}: ${what ?? ''}`;
  };

  return (
    <section>
      <p>
        <a href="/penilaian">{t.evaluation.form.back}</a>
      </p>
      <h1>{t.evaluation.form.title(title)}</h1>
      <p class="blind-note">{t.evaluation.blindNote}</p>
      {submitted ? (
        <p>
          <strong>{t.evaluation.form.submittedAt(formatDateTime(data.submittedAt ?? data.updatedAt ?? ''))}</strong>
        </p>
      ) : (
        <p>{t.evaluation.form.intro}</p>
      )}
      {problem && <RefusalSummary text={problem} missingTitle={t.evaluation.form.missing} missing={missing} />}
      {stale.length > 0 && (
        <StaleNotice
          title={t.evaluation.form.staleTitle}
          hint={t.evaluation.form.staleHint}
          items={stale.map((code) => indicatorName(code, edition))}
        />
      )}
      <Notice text={notice} />
      <ErrorSummary errors={errors} labelOf={labelOf} />
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void act('save');
        }}
        noValidate
      >
        {data.claims.map((claim) => {
          const code = claim.indicator;
          const draft = drafts[code] ?? EMPTY;
          const decided = data.decisions.find((decision) => decision.indicator === code);
          const spec = edition?.innovation.indicators.find((candidate) => candidate.code === code);
          const label = indicatorName(code, edition);
          return (
            <fieldset key={code} class="claim">
              <legend>
                {label}: {t.evaluation.claimed} {t.evaluation.levelOf(claim.level)}
              </legend>
              <p class="claim-evidence-title">{t.evaluation.form.evidence}</p>
              {claim.evidence.length === 0 ? (
                <p class="hint">{t.evaluation.form.noEvidence}</p>
              ) : (
                <ul>
                  {claim.evidence.map((link) => (
                    <li key={link.url}>
                      <a href={link.url} rel="noopener noreferrer" target="_blank">
                        {link.title ?? link.url}
                      </a>
                    </li>
                  ))}
                </ul>
              )}
              {spec && (
                <details>
                  <summary>{t.evaluation.form.levels}</summary>
                  <ol>
                    {spec.levels.map((level) => (
                      <li key={level.description}>
                        {level.description} <span class="hint">({level.evidence})</span>
                      </li>
                    ))}
                  </ol>
                </details>
              )}
              {submitted ? (
                <p>
                  {t.evaluation.form.yourDecision}:{' '}
                  <strong>
                    {decided
                      ? decided.decision === 'reject'
                        ? t.evaluation.form.decided.reject
                        : `${t.evaluation.form.decided[decided.decision] ?? decided.decision}, ${t.evaluation.levelOf(decided.level)}`
                      : t.evaluation.form.undecided}
                  </strong>
                  {decided?.reason ? ` · ${t.evaluation.form.reason}: ${decided.reason}` : ''}
                </p>
              ) : (
                <>
                  <fieldset class="decision">
                    <legend>
                      {t.evaluation.form.decision}: {label}
                    </legend>
                    {(['accept', 'lower', 'reject'] as const).map((choice) => (
                      <label class="checkbox" key={choice}>
                        <input
                          type="radio"
                          name={`decision-${code}`}
                          value={choice}
                          checked={draft.decision === choice}
                          disabled={choice === 'lower' && claim.level === 1}
                          onChange={() => setDraft(code, { decision: choice })}
                        />{' '}
                        {choice === 'accept'
                          ? t.evaluation.form.accept(claim.level)
                          : choice === 'lower'
                            ? t.evaluation.form.lower
                            : t.evaluation.form.reject}
                      </label>
                    ))}
                    {claim.level === 1 && <p class="hint">{t.evaluation.form.cannotLower}</p>}
                  </fieldset>
                  {draft.decision === 'lower' && (
                    <Field
                      path={`/${code}/level`}
                      label={t.evaluation.form.lowerTo}
                      required
                      error={errorAt(`/${code}/level`)}
                    >
                      {(aria) => (
                        <select
                          {...aria}
                          value={draft.level}
                          onChange={(event) => setDraft(code, { level: event.currentTarget.value })}
                        >
                          <option value="">{t.choose}</option>
                          {[1, 2]
                            .filter((level) => level < claim.level)
                            .map((level) => (
                              <option key={level} value={String(level)}>
                                {t.evaluation.levelOf(level)}
                              </option>
                            ))}
                        </select>
                      )}
                    </Field>
                  )}
                  {(draft.decision === 'lower' || draft.decision === 'reject') && (
                    <Field
                      path={`/${code}/reason`}
                      label={t.evaluation.form.reason}
                      hint={t.evaluation.form.reasonHint}
                      required
                      error={errorAt(`/${code}/reason`)}
                    >
                      {(aria) => (
                        <textarea
                          {...aria}
                          rows={3}
                          value={draft.reason}
                          onInput={(event) => setDraft(code, { reason: event.currentTarget.value })}
                        />
                      )}
                    </Field>
                  )}
                </>
              )}
            </fieldset>
          );
        })}
        {!submitted && (
          <div class="actions">
            <button type="submit" class="secondary" disabled={busy}>
              {t.evaluation.form.save(title)}
            </button>
            <button type="button" disabled={busy} onClick={() => void act('submit')}>
              {t.evaluation.form.submit(title)}
            </button>
          </div>
        )}
      </form>
      {submitted && others && others.length > 0 && (
        <>
          <h2>{t.evaluation.form.othersTitle}</h2>
          <TableFrame label={t.evaluation.form.othersTitle}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t.evaluation.form.indicator}</th>
                  {others.map((other) => (
                    <th scope="col" key={other.evaluator.sub}>
                      {other.evaluator.username}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.claims.map((claim) => (
                  <tr key={claim.indicator}>
                    <th scope="row">{indicatorName(claim.indicator, edition)}</th>
                    {others.map((other) => {
                      const decided = other.decisions.find((decision) => decision.indicator === claim.indicator);
                      return (
                        <td key={other.evaluator.sub}>
                          {other.status !== 'submitted'
                            ? t.evaluation.form.othersPending
                            : decided
                              ? t.evaluation.levelOf(decided.level)
                              : '–'}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableFrame>
        </>
      )}
    </section>
  );
}
