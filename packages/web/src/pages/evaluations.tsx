import { type assignmentSchema, conflictsInput, type evaluatorSchema } from '@inovda/contracts';
import { fieldErrors, indonesianMessage } from '@inovda/kernel';
import { useCallback, useEffect, useState } from 'preact/hooks';
import type * as z from 'zod/mini';
import { ErrorSummary, Field, inputId, Notice } from '../components/fields';
import { formatDateTime, t } from '../i18n';
import { ApiProblem, api, type FieldMessage } from '../lib/api';
import { opdName, useAppConfig } from '../lib/config';
import { refusalText, useApiAction } from '../lib/use-api-action';

type Assignment = z.infer<typeof assignmentSchema>;
type Declaration = z.infer<typeof evaluatorSchema>;

/** A comma-separated list as typed, as the array the schema checks (blanks dropped). */
const listOf = (text: string) =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

function conflictLabel(path: string): string {
  return path.startsWith('/innovationIds') ? t.evaluation.mine.innovationIds : t.evaluation.mine.opdIds;
}

/**
 * The evaluator's own page: the innovations assigned to them (newest first) and the declaration of their conflicts
 * of interest, which is what makes them assignable at all.
 */
export default function Evaluations() {
  const config = useAppConfig();
  const [items, setItems] = useState<readonly Assignment[]>();
  const [cursor, setCursor] = useState<string | null>(null);
  const [opdIds, setOpdIds] = useState<readonly string[]>([]);
  const [innovationIds, setInnovationIds] = useState('');
  const [errors, setErrors] = useState<readonly FieldMessage[]>([]);
  const [declaredAt, setDeclaredAt] = useState<string>();
  const { problem, notice, busy, run, setProblem } = useApiAction();

  // The declaration on record fills the form: a new one replaces it whole, so what was declared must be in it.
  const showDeclaration = useCallback((declaration: Declaration) => {
    setOpdIds(declaration.conflicts.opdIds);
    setInnovationIds(declaration.conflicts.innovationIds.join(', '));
    setDeclaredAt(declaration.updatedAt);
  }, []);
  useEffect(() => {
    void (async () => {
      try {
        showDeclaration((await api<Declaration>('GET', '/evaluators/me')).data);
      } catch (error) {
        // 404: nothing declared yet, the form starts empty.
        if (!(error instanceof ApiProblem && error.status === 404)) setProblem(refusalText(error));
      }
    })();
  }, [showDeclaration, setProblem]);

  const load = useCallback(
    async (after?: string) => {
      const page = await run(() =>
        api<{ items: Assignment[]; nextCursor: string | null }>('GET', '/evaluations', {
          query: { limit: '50', cursor: after },
        }),
      );
      if (!page) return;
      setItems((previous) => (after ? [...(previous ?? []), ...page.data.items] : page.data.items));
      setCursor(page.data.nextCursor);
    },
    [run],
  );
  useEffect(() => {
    void load();
  }, [load]);

  async function declare(event: Event) {
    event.preventDefault();
    const checked = conflictsInput.safeParse(
      { opdIds, innovationIds: listOf(innovationIds) },
      { error: indonesianMessage },
    );
    if (!checked.success) {
      setErrors(fieldErrors(checked.error));
      return;
    }
    setErrors([]);
    const saved = await run(
      () => api<Declaration>('PUT', '/evaluators/me', { body: checked.data }),
      t.evaluation.mine.declared,
    );
    if (saved) showDeclaration(saved.data);
  }

  const errorAt = (field: string) => errors.find((error) => error.path.startsWith(`/${field}`))?.message;
  const opdError = errorAt('opdIds');
  const opdHintId = `${inputId('/opdIds')}-hint`;
  // The region's OPDs, and any declared OPD the region's list no longer holds (so saving again keeps it).
  const opdChoices = [
    ...(config?.opds.map((opd) => opd.id) ?? []),
    ...opdIds.filter((opdId) => !config?.opds.some((opd) => opd.id === opdId)),
  ];
  return (
    <section>
      <h1>{t.evaluation.mine.title}</h1>
      <p>{t.evaluation.mine.intro}</p>
      <p class="blind-note">{t.evaluation.blindNote}</p>
      {problem && (
        <p class="error-message" role="alert">
          {problem}
        </p>
      )}
      <Notice text={notice} />
      {items === undefined && !problem && <p role="status">{t.app.loading}</p>}
      {items?.length === 0 && <p>{t.evaluation.mine.empty}</p>}
      {items && items.length > 0 && (
        <ul class="assignment-list">
          {items.map((item) => (
            <li key={item.innovationId} class="card">
              <h2>
                <a href={`/penilaian/${item.innovationId}`}>
                  {item.status === 'submitted' ? t.evaluation.mine.view(item.name) : t.evaluation.mine.open(item.name)}
                </a>
              </h2>
              <p>
                {t.evaluation.opd}: {opdName(config, item.opdId)} · {t.evaluation.mine.assignedAt}:{' '}
                {formatDateTime(item.assignedAt)} ({t.evaluation.how[item.how] ?? item.how}) · {t.evaluation.status}:{' '}
                <strong>{t.evaluation.statuses[item.status] ?? item.status}</strong>
                {item.submittedAt ? ` (${formatDateTime(item.submittedAt)})` : ''}
              </p>
            </li>
          ))}
        </ul>
      )}
      {cursor && (
        <button type="button" class="secondary" disabled={busy} onClick={() => void load(cursor)}>
          {t.evaluation.more}
        </button>
      )}

      <h2>{t.evaluation.mine.conflictsTitle}</h2>
      <p>{t.evaluation.mine.conflictsIntro}</p>
      <p>{declaredAt ? t.evaluation.mine.declaredAt(formatDateTime(declaredAt)) : t.evaluation.mine.notDeclared}</p>
      <ErrorSummary errors={errors} labelOf={conflictLabel} />
      <form onSubmit={(event) => void declare(event)} noValidate>
        <fieldset class={opdError ? 'checkboxes field-error' : 'checkboxes'} aria-describedby={opdHintId}>
          <legend>{t.evaluation.mine.opdIds}</legend>
          <p class="hint" id={opdHintId}>
            {t.evaluation.mine.opdIdsHint}
          </p>
          {opdError && <p class="error-message">{opdError}</p>}
          {opdChoices.map((opdId, index) => (
            <label key={opdId} class="checkbox">
              <input
                type="checkbox"
                id={index === 0 ? inputId('/opdIds') : undefined}
                checked={opdIds.includes(opdId)}
                onChange={(event) => {
                  const { checked } = event.currentTarget;
                  setOpdIds((previous) =>
                    checked ? [...previous, opdId] : previous.filter((candidate) => candidate !== opdId),
                  );
                }}
              />{' '}
              {opdName(config, opdId)}
            </label>
          ))}
        </fieldset>
        <Field
          path="/innovationIds"
          label={t.evaluation.mine.innovationIds}
          hint={t.evaluation.mine.innovationIdsHint}
          error={errorAt('innovationIds')}
        >
          {(aria) => (
            <input
              {...aria}
              type="text"
              value={innovationIds}
              onInput={(event) => setInnovationIds(event.currentTarget.value)}
            />
          )}
        </Field>
        <button type="submit" disabled={busy}>
          {t.evaluation.mine.declare}
        </button>
      </form>
    </section>
  );
}
