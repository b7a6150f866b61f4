import { EMAIL_CADENCES, NOTIFICATION_CATEGORIES, preferencesInput, type preferencesSchema } from '@inovda/contracts';
import { fieldErrors, indonesianMessage } from '@inovda/kernel';
import { useCallback, useEffect, useState } from 'preact/hooks';
import type * as z from 'zod/mini';
import { ErrorSummary, Notice, StaleNotice } from '../components/fields';
import { formatDateTime, t } from '../i18n';
import { ApiProblem, api, type FieldMessage } from '../lib/api';
import { useUnsavedChanges } from '../lib/unsaved-changes';
import { refusalText, useApiAction } from '../lib/use-api-action';

type Preferences = z.infer<typeof preferencesSchema>;
type Category = (typeof NOTIFICATION_CATEGORIES)[number];
type Choice = { inbox: 'immediate' | 'off'; email: (typeof EMAIL_CADENCES)[number] };

const words = t.opd.preferences;

function labelOf(path: string): string {
  const [category = '', channel] = path.split('/').slice(2);
  const name = words.categories[category] ?? category;
  return channel === 'email' ? `${name}: ${words.email}` : channel === 'inbox' ? `${name}: ${words.inbox}` : name;
}

/** The signed-in user's notification preferences: per category, the inbox on or off and when e-mail goes out. */
export default function PreferencesPage() {
  const [loaded, setLoaded] = useState<{ data: Preferences; etag: string | undefined }>();
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [errors, setErrors] = useState<readonly FieldMessage[]>([]);
  const [loadProblem, setLoadProblem] = useState<string>();
  /** Categories saved differently elsewhere since this page read them (after a 412): their names. */
  const [stale, setStale] = useState<readonly string[]>([]);
  const { problem, notice, busy, run } = useApiAction();
  const dirty = loaded !== undefined && JSON.stringify(choices) !== JSON.stringify(loaded.data.categories);
  useUnsavedChanges(dirty && !busy);

  const take = useCallback((data: Preferences, etag: string | undefined) => {
    setLoaded({ data, etag });
    setChoices(structuredClone(data.categories) as Record<string, Choice>);
  }, []);

  useEffect(() => {
    void api<Preferences>('GET', '/notification-preferences').then(
      ({ data, etag }) => take(data, etag),
      (error: unknown) => setLoadProblem(refusalText(error)),
    );
  }, [take]);

  function choose(category: Category, change: Partial<Choice>) {
    setChoices((previous) => ({
      ...previous,
      [category]: { ...(previous[category] ?? { inbox: 'immediate', email: 'off' }), ...change },
    }));
  }

  async function save(event: Event) {
    event.preventDefault();
    if (!loaded) return;
    const body = { categories: choices };
    const checked = preferencesInput.safeParse(body, { error: indonesianMessage });
    if (!checked.success) {
      setErrors(fieldErrors(checked.error));
      return;
    }
    setErrors([]);
    const saved = await run(async () => {
      try {
        return await api<Preferences>('PUT', '/notification-preferences', {
          body: checked.data,
          ...(loaded.etag ? { ifMatch: loaded.etag } : {}),
        });
      } catch (error) {
        if (error instanceof ApiProblem && error.status === 412) {
          // Saved in another tab meanwhile: keep these choices, name the categories that differ from what is saved
          // now, and take its version, so the next save overwrites it knowingly.
          const current = await api<Preferences>('GET', '/notification-preferences');
          setStale(
            NOTIFICATION_CATEGORIES.filter(
              (category) => JSON.stringify(current.data.categories[category]) !== JSON.stringify(choices[category]),
            ).map((category) => words.categories[category] ?? category),
          );
          setLoaded({ data: current.data, etag: current.etag });
        }
        throw error;
      }
    }, words.saved);
    if (saved) {
      take(saved.data, saved.etag);
      setStale([]);
    }
  }

  return (
    <section>
      <h1>{words.title}</h1>
      <p>{words.intro}</p>
      {stale.length > 0 ? (
        <StaleNotice title={words.staleTitle} hint={words.staleHint} items={stale} />
      ) : (
        (loadProblem ?? problem) && (
          <p class="error-message" role="alert">
            {loadProblem ?? problem}
          </p>
        )
      )}
      {!loaded && !loadProblem && <p role="status">{t.app.loading}</p>}
      {loaded && (
        <>
          <p class="muted">
            {loaded.data.updatedAt ? words.updated(formatDateTime(loaded.data.updatedAt)) : words.defaults}
          </p>
          <ErrorSummary errors={errors} labelOf={labelOf} />
          <form onSubmit={(event) => void save(event)} noValidate>
            <p class="hint" id="digest-hint">
              {words.digestHint}
            </p>
            <div class="preference-grid">
              {NOTIFICATION_CATEGORIES.map((category) => {
                const choice = choices[category];
                const name = words.categories[category] ?? category;
                return (
                  <fieldset key={category}>
                    <legend>{name}</legend>
                    <label class="checkbox">
                      <input
                        type="checkbox"
                        id={`f-categories-${category}-inbox`}
                        checked={choice?.inbox !== 'off'}
                        onChange={(event) =>
                          choose(category, { inbox: event.currentTarget.checked ? 'immediate' : 'off' })
                        }
                      />{' '}
                      {words.inbox}
                    </label>
                    <div class="field">
                      <label for={`f-categories-${category}-email`}>{words.email}</label>
                      <select
                        id={`f-categories-${category}-email`}
                        aria-describedby="digest-hint"
                        value={choice?.email ?? 'off'}
                        onChange={(event) => choose(category, { email: event.currentTarget.value as Choice['email'] })}
                      >
                        {EMAIL_CADENCES.map((cadence) => (
                          <option key={cadence} value={cadence}>
                            {words.cadences[cadence] ?? cadence}
                          </option>
                        ))}
                      </select>
                    </div>
                  </fieldset>
                );
              })}
            </div>
            <div class="actions">
              <button type="submit" disabled={busy}>
                {words.save}
              </button>
            </div>
            <Notice text={notice} />
          </form>
        </>
      )}
    </section>
  );
}
