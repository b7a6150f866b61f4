import { type CreateCycleInput, type Cycle, createCycleInput, STAGES } from '@inovda/contracts';
import { fieldErrors, indonesianMessage } from '@inovda/kernel';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { ErrorSummary, Field, Notice } from '../components/fields';
import { TableFrame } from '../components/table-frame';
import { t } from '../i18n';
import { ApiProblem, api, type FieldMessage, newIdempotencyKey } from '../lib/api';
import { hasRole, useSession } from '../lib/session';
import { useUnsavedChanges } from '../lib/unsaved-changes';
import { refusalText, useApiAction } from '../lib/use-api-action';

interface Plan {
  name: string;
  year: string;
  targetPerOpd: string;
  monevIntervalDays: string;
  windows: Record<string, { start: string; due: string }>;
}

const emptyPlan = (): Plan => ({
  name: '',
  year: String(new Date().getFullYear() + 1),
  targetPerOpd: '1',
  monevIntervalDays: '90',
  windows: Object.fromEntries(STAGES.map((stage) => [stage, { start: '', due: '' }])),
});

/** Numbers as typed: the schema says whether they are whole and in range. */
const asNumber = (text: string) => (text.trim() === '' ? undefined : Number(text));

function toInput(plan: Plan): unknown {
  return {
    name: plan.name,
    year: asNumber(plan.year),
    targetPerOpd: asNumber(plan.targetPerOpd),
    monevIntervalDays: asNumber(plan.monevIntervalDays),
    stageWindows: plan.windows,
  };
}

function labelOf(path: string): string {
  const [field = '', stage, end] = path.split('/').slice(1);
  if (field === 'stageWindows' && stage) {
    return `${t.stages[stage] ?? stage}: ${end === 'due' ? t.cycles.due : t.cycles.start}`;
  }
  return (t.cycles.fields as Record<string, string>)[field] ?? field;
}

/** The coordinator's programme cycles: plan one (stage windows, targets), open it, close it. */
export default function Cycles() {
  const [cycles, setCycles] = useState<readonly Cycle[]>();
  const [plan, setPlan] = useState<Plan>(emptyPlan);
  const [errors, setErrors] = useState<readonly FieldMessage[]>([]);
  // One key per plan until it is saved: a retry of a request whose answer was lost plans one cycle, not two.
  const [planKey, setPlanKey] = useState(newIdempotencyKey);
  const action = useApiAction();
  const { problem, notice, busy, setProblem } = action;
  // Everyone reads the cycles; planning, opening and closing are the coordinator's (the API's rule too).
  const mayPlan = hasRole(useSession(), 'coordinator', 'admin');
  useUnsavedChanges(JSON.stringify(plan) !== JSON.stringify(emptyPlan()) && !busy);

  const load = useCallback(async () => {
    try {
      setCycles((await api<{ items: Cycle[] }>('GET', '/cycles', { query: { limit: '100' } })).data.items);
    } catch (error) {
      setProblem(refusalText(error));
    }
  }, [setProblem]);
  useEffect(() => {
    void load();
  }, [load]);

  /** Runs a call on the cycles; the API's field errors go to the plan's fields, and the list is read again after. */
  async function run(call: () => Promise<unknown>, done: string) {
    const succeeded = await action.run(async () => {
      try {
        await call();
        return true;
      } catch (error) {
        if (error instanceof ApiProblem) setErrors(error.errors);
        throw error;
      }
    }, done);
    if (succeeded) await load();
  }

  function submit(event: Event) {
    event.preventDefault();
    const checked = createCycleInput.safeParse(toInput(plan), { error: indonesianMessage });
    if (!checked.success) {
      setErrors(fieldErrors(checked.error));
      return;
    }
    setErrors([]);
    const body: CreateCycleInput = checked.data;
    void run(async () => {
      await api('POST', '/cycles', { body, idempotencyKey: planKey });
      setPlan(emptyPlan());
      setPlanKey(newIdempotencyKey());
    }, t.cycles.planned);
  }

  const errorAt = (path: string) => errors.find((error) => error.path === path)?.message;
  const setField = (field: 'name' | 'year' | 'targetPerOpd' | 'monevIntervalDays', value: string) =>
    setPlan((previous) => ({ ...previous, [field]: value }));
  const setWindow = (stage: string, end: 'start' | 'due', value: string) =>
    setPlan((previous) => ({
      ...previous,
      windows: {
        ...previous.windows,
        [stage]: { ...(previous.windows[stage] ?? { start: '', due: '' }), [end]: value },
      },
    }));

  return (
    <section>
      <h1>{t.cycles.title}</h1>
      {problem && (
        <p class="error-message" role="alert">
          {problem}
        </p>
      )}
      <Notice text={notice} />
      {cycles === undefined && !problem && <p role="status">{t.app.loading}</p>}
      {cycles?.length === 0 && <p>{t.cycles.empty}</p>}
      {cycles && cycles.length > 0 && (
        <TableFrame label={t.cycles.title}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t.cycles.fields.name}</th>
                <th scope="col">{t.cycles.fields.year}</th>
                <th scope="col">{t.cycles.status}</th>
                <th scope="col">{t.cycles.actions}</th>
              </tr>
            </thead>
            <tbody>
              {cycles.map((cycle) => (
                <tr key={cycle.id}>
                  <td>{cycle.name}</td>
                  <td>{cycle.year}</td>
                  <td>{t.cycles.statuses[cycle.status] ?? cycle.status}</td>
                  <td class="row-actions">
                    <a href={`/siklus/${cycle.id}/papan`}>{t.board.link(cycle.name)}</a>
                    {cycle.status !== 'planned' && (
                      <a href={`/siklus/${cycle.id}/hasil`}>{t.results.link(cycle.name)}</a>
                    )}
                    {mayPlan && cycle.status === 'planned' && (
                      <button
                        type="button"
                        disabled={busy}
                        onClick={() => void run(() => api('POST', `/cycles/${cycle.id}/open`), t.cycles.opened)}
                      >
                        {t.cycles.open(cycle.name)}
                      </button>
                    )}
                    {/* Closing stops registrations only: tracks go on, so requests still wait for review. */}
                    {cycle.status !== 'planned' && (
                      <a href={`/siklus/${cycle.id}/tinjauan`}>{t.cycles.reviewQueue(cycle.name)}</a>
                    )}
                    {mayPlan && cycle.status === 'open' && (
                      <button
                        type="button"
                        class="secondary"
                        disabled={busy}
                        onClick={() => {
                          if (window.confirm(t.cycles.confirmClose(cycle.name))) {
                            void run(() => api('POST', `/cycles/${cycle.id}/close`), t.cycles.closed);
                          }
                        }}
                      >
                        {t.cycles.close(cycle.name)}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableFrame>
      )}

      {mayPlan && (
        <>
          <h2>{t.cycles.planTitle}</h2>
          <ErrorSummary errors={errors} labelOf={labelOf} />
          <form onSubmit={submit} noValidate>
            <Field path="/name" label={t.cycles.fields.name} required error={errorAt('/name')}>
              {(aria) => (
                <input
                  {...aria}
                  type="text"
                  value={plan.name}
                  onInput={(event) => setField('name', event.currentTarget.value)}
                />
              )}
            </Field>
            {(['year', 'targetPerOpd', 'monevIntervalDays'] as const).map((field) => (
              <Field
                key={field}
                path={`/${field}`}
                label={t.cycles.fields[field]}
                required
                error={errorAt(`/${field}`)}
              >
                {(aria) => (
                  <input
                    {...aria}
                    type="text"
                    inputMode="numeric"
                    value={plan[field]}
                    onInput={(event) => setField(field, event.currentTarget.value)}
                  />
                )}
              </Field>
            ))}
            <fieldset>
              <legend>{t.cycles.windows}</legend>
              {STAGES.map((stage) => (
                <div class="row-group" key={stage}>
                  {(['start', 'due'] as const).map((end) => (
                    <Field
                      key={end}
                      path={`/stageWindows/${stage}/${end}`}
                      label={`${t.stages[stage] ?? stage}: ${end === 'start' ? t.cycles.start : t.cycles.due}`}
                      required
                      error={errorAt(`/stageWindows/${stage}/${end}`)}
                    >
                      {(aria) => (
                        <input
                          {...aria}
                          type="date"
                          value={plan.windows[stage]?.[end] ?? ''}
                          onInput={(event) => setWindow(stage, end, event.currentTarget.value)}
                        />
                      )}
                    </Field>
                  ))}
                </div>
              ))}
            </fieldset>
            <button type="submit" disabled={busy}>
              {t.cycles.plan}
            </button>
          </form>
        </>
      )}
    </section>
  );
}
