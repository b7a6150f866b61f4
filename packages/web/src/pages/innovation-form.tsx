import {
  createInnovationInput,
  GOVERNMENT_AFFAIRS,
  INDICATORS,
  type Innovation,
  updateInnovationInput,
} from '@inovda/contracts';
import { fieldErrors, indonesianMessage } from '@inovda/kernel';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { ErrorSummary, Field, Notice, PageLoading, StaleNotice } from '../components/fields';
import { t } from '../i18n';
import { ApiProblem, api, type FieldMessage, newIdempotencyKey } from '../lib/api';
import { useAppConfig } from '../lib/config';
import {
  changedFields,
  type Draft,
  draftOf,
  emptyDraft,
  TEXT_FIELDS,
  type TextFieldName,
  toPatch,
  toProfile,
} from '../lib/profile-draft';
import { useSession } from '../lib/session';
import { keepInput, keptInput, useUnsavedChanges } from '../lib/unsaved-changes';
import { refusalText } from '../lib/use-api-action';

const LONG_TEXT = new Set([
  'problemStatement',
  'rootCause',
  'beneficiaries',
  'designNarrative',
  'goals',
  'benefits',
  'results',
]);
const DATES = new Set(['trialStartDate', 'implementationStartDate']);
const REQUIRED = new Set(['name']);

const SUB_LABELS: Record<string, string> = {
  'milestones/title': 'milestoneTitle',
  'milestones/dueDate': 'milestoneDueDate',
  'evidence/indicator': 'evidenceIndicator',
  'evidence/url': 'evidenceUrl',
  'evidence/title': 'evidenceTitle',
  'contactPerson/name': 'contactName',
  'contactPerson/position': 'contactPosition',
  'contactPerson/phone': 'contactPhone',
  'contactPerson/email': 'contactEmail',
};

/** A field path for people: `/milestones/0/title` → "Judul tonggak (1)". */
function labelOf(path: string): string {
  const [field = '', index, sub] = path.split('/').slice(1);
  if (sub !== undefined || (index !== undefined && Number.isNaN(Number(index)))) {
    const key = index !== undefined && !Number.isNaN(Number(index)) ? `${field}/${sub}` : `${field}/${index}`;
    const label = t.fields[SUB_LABELS[key] ?? field]?.label ?? field;
    return Number.isNaN(Number(index)) ? label : `${label} (${Number(index) + 1})`;
  }
  return t.fields[field]?.label ?? field;
}

/**
 * What the form keeps in the tab while it has unsaved input: the input, the innovation it was typed over (so a save
 * after someone else's still meets the 412 and shows what changed) and a create's Idempotency-Key (so a create sent
 * before the session expired is not made twice).
 */
interface Kept {
  readonly draft: Draft;
  readonly base?: { readonly innovation: Innovation; readonly etag: string };
  readonly idempotencyKey: string;
}

/** Create a draft innovation, or change its profile (`/inovasi/baru`, `/inovasi/:id/ubah`). */
export default function InnovationForm() {
  const { params } = useRoute();
  const { route } = useLocation();
  const session = useSession();
  const config = useAppConfig();
  const id = params.id;
  // Per user and form: another user signing in at this tab never finds this one's input.
  const keptAs = `${session?.username ?? ''}:${id ?? 'baru'}`;
  const [kept] = useState(() => keptInput<Kept>(keptAs));
  const [loaded, setLoaded] = useState<{ innovation: Innovation; etag: string }>();
  const [draft, setDraft] = useState<Draft>(() => (!id && kept ? kept.draft : emptyDraft(session?.opdId ?? '')));
  const [pristine, setPristine] = useState<string>(() => JSON.stringify(emptyDraft(session?.opdId ?? '')));
  const [errors, setErrors] = useState<readonly FieldMessage[]>([]);
  const [problem, setProblem] = useState<string>();
  const [loadProblem, setLoadProblem] = useState<string>();
  const [stale, setStale] = useState<string[]>();
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<string>();
  const idempotencyKey = useMemo(() => kept?.idempotencyKey ?? newIdempotencyKey(), [kept]);
  const dirty = JSON.stringify(draft) !== pristine;
  useUnsavedChanges(dirty && !saving);
  // Input typed and not saved is kept in the tab (see Kept); forgotten once saved or undone.
  useEffect(() => {
    if (id && !loaded) return;
    keepInput(keptAs, dirty ? ({ draft, base: loaded, idempotencyKey } satisfies Kept) : undefined);
  }, [keptAs, id, loaded, draft, dirty, idempotencyKey]);

  useEffect(() => {
    if (!id) return;
    void api<Innovation>('GET', `/innovations/${encodeURIComponent(id)}`).then(
      ({ data, etag }) => {
        // Input kept from before (a sign-in, a reload) goes on over the version it was typed on.
        const base = kept?.base ?? { innovation: data, etag: etag ?? '' };
        setLoaded(base);
        setPristine(JSON.stringify(draftOf(base.innovation)));
        setDraft(kept?.draft ?? draftOf(base.innovation));
      },
      (error: unknown) => setLoadProblem(refusalText(error)),
    );
  }, [id, kept]);

  const errorAt = (path: string) => errors.find((error) => error.path === path)?.message;
  const update = (change: (next: Draft) => void) =>
    setDraft((previous) => {
      const next = structuredClone(previous);
      change(next);
      return next;
    });
  const updateMilestone = (index: number, change: (row: Draft['milestones'][number]) => void) =>
    update((next) => {
      const row = next.milestones[index];
      if (row) change(row);
    });
  const updateEvidence = (index: number, change: (row: Draft['evidence'][number]) => void) =>
    update((next) => {
      const row = next.evidence[index];
      if (row) change(row);
    });

  async function save(event: Event) {
    event.preventDefault();
    setProblem(undefined);
    setNotice(undefined);
    const body = loaded ? toPatch(loaded.innovation, draft) : toProfile(draft);
    // The very schema the API validates with, and its Indonesian messages: what the browser refuses, the API would.
    const checked = (loaded ? updateInnovationInput : createInnovationInput).safeParse(body, {
      error: indonesianMessage,
    });
    if (!checked.success) {
      setErrors(fieldErrors(checked.error));
      return;
    }
    setErrors([]);
    setSaving(true);
    try {
      if (loaded) {
        const { data, etag } = await api<Innovation>('PATCH', `/innovations/${loaded.innovation.id}`, {
          body,
          ifMatch: loaded.etag,
        });
        setLoaded({ innovation: data, etag: etag ?? '' });
        setPristine(JSON.stringify(draft));
        setStale(undefined);
        setNotice(t.form.saved);
      } else {
        const { data } = await api<Innovation>('POST', '/innovations', { body, idempotencyKey });
        setPristine(JSON.stringify(draft));
        keepInput(keptAs, undefined);
        route(`/inovasi/${data.id}`);
      }
    } catch (error) {
      if (error instanceof ApiProblem && error.status === 412 && loaded) {
        // Someone saved first: keep what the user typed, show what changed, and save over it on the next try.
        const current = await api<Innovation>('GET', `/innovations/${loaded.innovation.id}`);
        setStale(changedFields(loaded.innovation, current.data));
        setLoaded({ innovation: current.data, etag: current.etag ?? '' });
      } else if (error instanceof ApiProblem) {
        setErrors(error.errors);
        setProblem(error.detail ? `${error.title}: ${error.detail}` : error.title);
      } else {
        setProblem(t.problems.unknown);
      }
    } finally {
      setSaving(false);
    }
  }

  // Editing: nothing to show (and above all no create form to save) until the innovation is in.
  if (id && !loaded) return <PageLoading heading={t.form.editLoading} problem={loadProblem} />;
  const title = loaded ? t.form.editTitle(loaded.innovation.name) : t.form.createTitle;
  return (
    <section>
      <h1>{title}</h1>
      <p>{t.form.intro}</p>
      {kept && dirty && <Notice text={t.form.restored} />}
      {problem && (
        <p class="error-message" role="alert">
          {problem}
        </p>
      )}
      {stale && (
        <StaleNotice
          title={t.form.staleTitle}
          hint={t.form.staleHint}
          items={stale.map((field) => t.form.staleField(t.fields[field]?.label ?? field))}
        />
      )}
      <ErrorSummary errors={errors} labelOf={labelOf} />
      <form onSubmit={(event) => void save(event)} noValidate>
        <fieldset>
          <legend>{t.form.sections.identity}</legend>
          <Field
            path="/name"
            label={t.fields.name?.label ?? ''}
            hint={t.fields.name?.hint}
            required
            error={errorAt('/name')}
          >
            {(aria) => (
              <input
                {...aria}
                type="text"
                maxLength={200}
                value={draft.name}
                onInput={(event) => update((next) => (next.name = event.currentTarget.value))}
              />
            )}
          </Field>
          {/* An OPD's staff create for their own OPD; an administrator, who belongs to none, names it. */}
          {!loaded && !session?.opdId && (
            <Field path="/opdId" label={t.fields.opdId?.label ?? ''} required error={errorAt('/opdId')}>
              {(aria) => (
                <select
                  {...aria}
                  value={draft.opdId}
                  onChange={(event) => update((next) => (next.opdId = event.currentTarget.value))}
                >
                  <option value="">{t.choose}</option>
                  {config?.opds.map((opd) => (
                    <option key={opd.id} value={opd.id}>
                      {opd.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          {TEXT_FIELDS.slice(0, 6).map((field) => (
            <TextField key={field} field={field} draft={draft} update={update} error={errorAt(`/${field}`)} />
          ))}
          <fieldset class="checkboxes" aria-describedby="governmentAffairs-hint">
            <legend>{t.fields.governmentAffairs?.label}</legend>
            <p class="hint" id="governmentAffairs-hint">
              {t.fields.governmentAffairs?.hint}
            </p>
            {errorAt('/governmentAffairs') && <p class="error-message">{errorAt('/governmentAffairs')}</p>}
            {GOVERNMENT_AFFAIRS.map((affair, index) => (
              <label key={affair} class="checkbox">
                <input
                  type="checkbox"
                  id={index === 0 ? 'f-governmentAffairs' : undefined}
                  checked={draft.governmentAffairs.includes(affair)}
                  onChange={(event) => {
                    const { checked } = event.currentTarget;
                    update((next) => {
                      next.governmentAffairs = checked
                        ? [...next.governmentAffairs, affair]
                        : next.governmentAffairs.filter((item) => item !== affair);
                    });
                  }}
                />{' '}
                {t.affairs[affair] ?? affair}
              </label>
            ))}
          </fieldset>
        </fieldset>
        <fieldset>
          <legend>{t.form.sections.substance}</legend>
          {TEXT_FIELDS.slice(6).map((field) => (
            <TextField key={field} field={field} draft={draft} update={update} error={errorAt(`/${field}`)} />
          ))}
        </fieldset>
        <fieldset>
          <legend>{t.form.sections.milestones}</legend>
          {draft.milestones.map((row, index) => (
            <div class="row-group" key={index}>
              <Field
                path={`/milestones/${index}/title`}
                label={`${t.fields.milestoneTitle?.label} (${index + 1})`}
                required
                error={errorAt(`/milestones/${index}/title`)}
              >
                {(aria) => (
                  <input
                    {...aria}
                    type="text"
                    value={row.title}
                    onInput={(event) => updateMilestone(index, (row) => (row.title = event.currentTarget.value))}
                  />
                )}
              </Field>
              <Field
                path={`/milestones/${index}/dueDate`}
                label={t.fields.milestoneDueDate?.label ?? ''}
                required
                error={errorAt(`/milestones/${index}/dueDate`)}
              >
                {(aria) => (
                  <input
                    {...aria}
                    type="date"
                    value={row.dueDate}
                    onInput={(event) => updateMilestone(index, (row) => (row.dueDate = event.currentTarget.value))}
                  />
                )}
              </Field>
              <label class="checkbox">
                <input
                  type="checkbox"
                  checked={row.done}
                  onChange={(event) => updateMilestone(index, (row) => (row.done = event.currentTarget.checked))}
                />{' '}
                {t.fields.milestoneDone?.label}
              </label>
              <button
                type="button"
                class="secondary"
                onClick={() => update((next) => next.milestones.splice(index, 1))}
              >
                {t.form.remove} {t.fields.milestoneTitle?.label} ({index + 1})
              </button>
            </div>
          ))}
          <button
            type="button"
            class="secondary"
            onClick={() => update((next) => next.milestones.push({ title: '', dueDate: '', done: false }))}
          >
            {t.form.add} {t.fields.milestones?.label.toLowerCase()}
          </button>
        </fieldset>
        <fieldset>
          <legend>{t.form.sections.evidence}</legend>
          <p class="hint">{t.fields.evidence?.hint}</p>
          {draft.evidence.map((row, index) => (
            <div class="row-group" key={index}>
              <Field
                path={`/evidence/${index}/indicator`}
                label={`${t.fields.evidenceIndicator?.label} (${index + 1})`}
                required
                error={errorAt(`/evidence/${index}/indicator`)}
              >
                {(aria) => (
                  <select
                    {...aria}
                    value={row.indicator}
                    onChange={(event) => updateEvidence(index, (row) => (row.indicator = event.currentTarget.value))}
                  >
                    <option value="">{t.choose}</option>
                    {INDICATORS.map((indicator) => (
                      <option key={indicator} value={indicator}>
                        {t.indicators[indicator] ?? indicator}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field
                path={`/evidence/${index}/url`}
                label={t.fields.evidenceUrl?.label ?? ''}
                hint={t.fields.evidenceUrl?.hint}
                required
                error={errorAt(`/evidence/${index}/url`)}
              >
                {(aria) => (
                  <input
                    {...aria}
                    type="url"
                    value={row.url}
                    onInput={(event) => updateEvidence(index, (row) => (row.url = event.currentTarget.value))}
                  />
                )}
              </Field>
              <Field
                path={`/evidence/${index}/title`}
                label={t.fields.evidenceTitle?.label ?? ''}
                error={errorAt(`/evidence/${index}/title`)}
              >
                {(aria) => (
                  <input
                    {...aria}
                    type="text"
                    value={row.title}
                    onInput={(event) => updateEvidence(index, (row) => (row.title = event.currentTarget.value))}
                  />
                )}
              </Field>
              <button type="button" class="secondary" onClick={() => update((next) => next.evidence.splice(index, 1))}>
                {t.form.remove} {t.fields.evidence?.label.toLowerCase()} ({index + 1})
              </button>
            </div>
          ))}
          <button
            type="button"
            class="secondary"
            onClick={() => update((next) => next.evidence.push({ indicator: '', url: '', title: '' }))}
          >
            {t.form.add} {t.fields.evidence?.label.toLowerCase()}
          </button>
        </fieldset>
        <fieldset>
          <legend>{t.form.sections.contact}</legend>
          {(['name', 'position', 'phone', 'email'] as const).map((part) => {
            const label = t.fields[SUB_LABELS[`contactPerson/${part}`] ?? ''] ?? { label: part, hint: '' };
            return (
              <Field
                key={part}
                path={`/contactPerson/${part}`}
                label={label.label}
                hint={label.hint}
                error={errorAt(`/contactPerson/${part}`)}
              >
                {(aria) => (
                  <input
                    {...aria}
                    type={(part === 'email' ? 'email' : part === 'phone' ? 'tel' : 'text') as 'text'}
                    value={draft.contactPerson[part]}
                    onInput={(event) => update((next) => (next.contactPerson[part] = event.currentTarget.value))}
                  />
                )}
              </Field>
            );
          })}
        </fieldset>
        <div class="actions">
          <button type="submit" disabled={saving}>
            {saving ? t.form.saving : t.form.saveDraft}
          </button>{' '}
          <a href={loaded ? `/inovasi/${loaded.innovation.id}` : '/inovasi'}>{t.form.cancel}</a>
        </div>
        <Notice text={notice} />
      </form>
    </section>
  );
}

/** One of the profile's single-text fields: a select for the enumerations, a date, a text area or a line. */
function TextField({
  field,
  draft,
  update,
  error,
}: {
  field: TextFieldName;
  draft: Draft;
  update: (change: (next: Draft) => void) => void;
  error: string | undefined;
}) {
  const words = t.fields[field] ?? { label: field, hint: '' };
  const options = t.options[field];
  const onValue = (value: string) => update((next) => (next[field] = value));
  return (
    <Field
      path={`/${field}`}
      label={words.label}
      hint={words.hint || undefined}
      required={REQUIRED.has(field)}
      error={error}
    >
      {(aria) =>
        options ? (
          <select {...aria} value={draft[field]} onChange={(event) => onValue(event.currentTarget.value)}>
            <option value="">{t.choose}</option>
            {Object.entries(options).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        ) : DATES.has(field) ? (
          <input {...aria} type="date" value={draft[field]} onInput={(event) => onValue(event.currentTarget.value)} />
        ) : LONG_TEXT.has(field) ? (
          <textarea {...aria} rows={4} value={draft[field]} onInput={(event) => onValue(event.currentTarget.value)} />
        ) : (
          <input {...aria} type="text" value={draft[field]} onInput={(event) => onValue(event.currentTarget.value)} />
        )
      }
    </Field>
  );
}
