import {
  createWebhookInput,
  type deliverySchema,
  updateWebhookInput,
  type webhookSchema,
  type webhookWithSecretSchema,
} from '@inovda/contracts';
import { fieldErrors, indonesianMessage } from '@inovda/kernel';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import type * as z from 'zod/mini';
import { ErrorSummary, Field, inputId, Notice } from '../components/fields';
import { TableFrame } from '../components/table-frame';
import { formatDateTime, t } from '../i18n';
import { ApiProblem, api, type FieldMessage, newIdempotencyKey } from '../lib/api';
import { refusalText, useApiAction } from '../lib/use-api-action';

type Webhook = z.infer<typeof webhookSchema>;
type WithSecret = z.infer<typeof webhookWithSecretSchema>;
type Delivery = z.infer<typeof deliverySchema>;
const words = t.webhooks;
const EVENT_TYPES = Object.keys(words.eventTypes);

interface EndpointDraft {
  url: string;
  description: string;
  eventTypes: string[];
  enabled: boolean;
}
const emptyDraft = (): EndpointDraft => ({ url: '', description: '', eventTypes: [], enabled: true });

/** The name people know an endpoint by: its description, else its URL. */
const nameOf = (webhook: Webhook) => webhook.description || webhook.url;

/**
 * Field paths under a form's prefix (`/url` → `/edit/url`). The API's own URL check answers `url` without the
 * leading slash, the schema `/url`; an event type's error (`/eventTypes/2`) goes to the group.
 */
function placed(errors: readonly FieldMessage[], prefix: string): FieldMessage[] {
  return errors.map((error) => {
    const [field = ''] = error.path.split('/').filter(Boolean);
    return { ...error, path: `${prefix}/${field}` };
  });
}
const labelOf = (path: string) => {
  const field = path.split('/').pop() ?? '';
  return words.fields[field]?.label ?? field;
};

/** An OPD's webhook endpoints: register (the secret shown once), change, remove, rotate, the delivery log, replay. */
export default function WebhooksPage() {
  const { params } = useRoute();
  const opdId = params.opdId ?? '';
  const base = `/opds/${encodeURIComponent(opdId)}/webhooks`;
  const [webhooks, setWebhooks] = useState<readonly Webhook[]>();
  const [loadProblem, setLoadProblem] = useState<string>();
  const [secret, setSecret] = useState<{ url: string; value: string; previousValidUntil?: string }>();
  const [draft, setDraft] = useState<EndpointDraft>(emptyDraft);
  // One key per registration until it succeeds: a retry whose answer was lost gets the first endpoint and its secret.
  const [registerKey, setRegisterKey] = useState(newIdempotencyKey);
  const [errors, setErrors] = useState<readonly FieldMessage[]>([]);
  const [editing, setEditing] = useState<{ webhook: Webhook; draft: EndpointDraft }>();
  const [editErrors, setEditErrors] = useState<readonly FieldMessage[]>([]);
  const [deliveries, setDeliveries] = useState<Record<string, readonly Delivery[]>>({});
  const { problem, notice, busy, run } = useApiAction();
  const secretRef = useRef<HTMLElement>(null);

  const load = useCallback(async () => {
    try {
      setWebhooks((await api<{ items: Webhook[] }>('GET', base)).data.items);
    } catch (error) {
      setLoadProblem(refusalText(error));
    }
  }, [base]);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    if (secret) secretRef.current?.focus();
  }, [secret]);

  function showSecret(answer: WithSecret) {
    setSecret({
      url: answer.webhook.url,
      value: answer.secret,
      ...(answer.previousSecretValidUntil ? { previousValidUntil: answer.previousSecretValidUntil } : {}),
    });
  }

  async function register(event: Event) {
    event.preventDefault();
    const checked = createWebhookInput.safeParse(
      {
        url: draft.url.trim(),
        eventTypes: draft.eventTypes,
        ...(draft.description.trim() === '' ? {} : { description: draft.description.trim() }),
      },
      { error: indonesianMessage },
    );
    setEditErrors([]);
    if (!checked.success) {
      setErrors(placed(fieldErrors(checked.error), ''));
      return;
    }
    setErrors([]);
    const created = await run(async () => {
      try {
        return (await api<WithSecret>('POST', base, { body: checked.data, idempotencyKey: registerKey })).data;
      } catch (error) {
        if (error instanceof ApiProblem) setErrors(placed(error.errors, ''));
        throw error;
      }
    }, words.registered);
    if (created) {
      setRegisterKey(newIdempotencyKey());
      setDraft(emptyDraft());
      showSecret(created);
      await load();
    }
  }

  /** The endpoint as it is now (deliveries move its health counters, so its version, in the background). */
  async function current(webhook: Webhook): Promise<Webhook> {
    return (await api<Webhook>('GET', `${base}/${webhook.id}`)).data;
  }

  async function startEdit(webhook: Webhook) {
    setEditErrors([]);
    await run(async () => {
      const fresh = await current(webhook);
      setEditing({
        webhook: fresh,
        draft: {
          url: fresh.url,
          description: fresh.description ?? '',
          eventTypes: [...fresh.eventTypes],
          enabled: fresh.status === 'enabled',
        },
      });
    });
  }

  async function saveEdit(event: Event) {
    event.preventDefault();
    if (!editing) return;
    const { webhook, draft: changed } = editing;
    const checked = updateWebhookInput.safeParse(
      {
        url: changed.url.trim(),
        eventTypes: changed.eventTypes,
        description: changed.description.trim(),
        enabled: changed.enabled,
      },
      { error: indonesianMessage },
    );
    setErrors([]);
    if (!checked.success) {
      setEditErrors(placed(fieldErrors(checked.error), '/edit'));
      return;
    }
    setEditErrors([]);
    const saved = await run(async () => {
      try {
        return await api<Webhook>('PATCH', `${base}/${webhook.id}`, {
          body: checked.data,
          ifMatch: `"${webhook.version}"`,
        });
      } catch (error) {
        if (error instanceof ApiProblem) setEditErrors(placed(error.errors, '/edit'));
        // Changed since it was read: the refusal is shown, the draft kept, and the next save goes over the new one.
        if (error instanceof ApiProblem && error.status === 412) {
          const fresh = await current(webhook);
          setEditing((editing) => editing && { ...editing, webhook: fresh });
        }
        throw error;
      }
    }, words.saved);
    if (saved) {
      setEditing(undefined);
      await load();
    }
  }

  async function remove(webhook: Webhook) {
    if (!window.confirm(words.confirmRemove(nameOf(webhook)))) return;
    if (await run(() => api('DELETE', `${base}/${webhook.id}`), words.removed)) {
      if (editing?.webhook.id === webhook.id) setEditing(undefined);
      await load();
    }
  }

  async function rotate(webhook: Webhook) {
    if (!window.confirm(words.confirmRotate(nameOf(webhook)))) return;
    const rotated = await run(
      async () => (await api<WithSecret>('POST', `${base}/${webhook.id}/secret/rotate`)).data,
      words.rotated,
    );
    if (rotated) {
      showSecret(rotated);
      await load();
    }
  }

  /** Reads an endpoint's delivery log (newest first) into the page. */
  async function fetchDeliveries(webhook: Webhook) {
    const { data } = await api<{ items: Delivery[]; nextCursor: string | null }>(
      'GET',
      `${base}/${webhook.id}/deliveries`,
      { query: { limit: '50' } },
    );
    setDeliveries((previous) => ({ ...previous, [webhook.id]: data.items }));
  }

  async function loadDeliveries(webhook: Webhook) {
    await run(() => fetchDeliveries(webhook));
  }

  async function replay(webhook: Webhook, delivery: Delivery) {
    await run(async () => {
      await api<Delivery>('POST', `${base}/${webhook.id}/deliveries/${delivery.id}/replay`);
      await fetchDeliveries(webhook);
    }, words.replayed);
  }

  return (
    <section>
      <h1>{words.title}</h1>
      <p>{words.intro}</p>
      {(loadProblem ?? problem) && (
        <p class="error-message" role="alert">
          {loadProblem ?? problem}
        </p>
      )}
      <Notice text={notice} />
      {secret && (
        <section class="secret-panel" aria-labelledby="secret-title" tabIndex={-1} ref={secretRef}>
          <h2 id="secret-title" class="secret-title">
            {words.secretTitle}
          </h2>
          <p class="wrap-anywhere">{words.secretFor(secret.url)}</p>
          <p class="hint" id="secret-hint">
            {words.secretOnce}
          </p>
          <div class="field">
            <label for="webhook-secret">{words.secretTitle}</label>
            <input
              id="webhook-secret"
              class="secret"
              type="text"
              readOnly
              value={secret.value}
              aria-describedby="secret-hint"
              onFocus={(event) => event.currentTarget.select()}
            />
          </div>
          {secret.previousValidUntil && <p>{words.previousValid(formatDateTime(secret.previousValidUntil))}</p>}
          <button type="button" onClick={() => setSecret(undefined)}>
            {words.secretStored}
          </button>
        </section>
      )}

      <h2>{words.listTitle}</h2>
      {webhooks === undefined && !loadProblem && <p role="status">{t.app.loading}</p>}
      {webhooks?.length === 0 && <p>{words.empty}</p>}
      {webhooks?.map((webhook) => {
        const name = nameOf(webhook);
        const log = deliveries[webhook.id];
        const isEditing = editing?.webhook.id === webhook.id;
        return (
          <article class="card" key={webhook.id} aria-labelledby={`webhook-${webhook.id}`}>
            <h3 id={`webhook-${webhook.id}`} class="wrap-anywhere">
              {name}
            </h3>
            <dl class="profile wrap-anywhere">
              {webhook.description && (
                <>
                  <dt>{words.fields.url?.label}</dt>
                  <dd>{webhook.url}</dd>
                </>
              )}
              <dt>{words.status}</dt>
              <dd>
                {words.statuses[webhook.status] ?? webhook.status}
                {webhook.consecutiveFailures > 0 && ` · ${words.failures(webhook.consecutiveFailures)}`}
                {webhook.disabledReason && ` · ${words.disabledReason(webhook.disabledReason)}`}
              </dd>
              <dt>{words.events}</dt>
              <dd>{webhook.eventTypes.map((type) => words.eventTypes[type] ?? type).join(', ')}</dd>
            </dl>
            {isEditing && editing ? (
              <form onSubmit={(event) => void saveEdit(event)} noValidate aria-labelledby={`edit-${webhook.id}`}>
                <h4 id={`edit-${webhook.id}`}>{words.editTitle(name)}</h4>
                <ErrorSummary errors={editErrors} labelOf={labelOf} />
                <EndpointFields
                  prefix="/edit"
                  draft={editing.draft}
                  errors={editErrors}
                  change={(next) => setEditing((current) => current && { ...current, draft: next })}
                  withEnabled
                />
                <div class="actions">
                  <button type="submit" disabled={busy}>
                    {words.save(name)}
                  </button>
                  <button
                    type="button"
                    class="secondary"
                    onClick={() => {
                      setEditing(undefined);
                      setEditErrors([]);
                    }}
                  >
                    {words.cancel}
                  </button>
                </div>
              </form>
            ) : (
              <div class="actions">
                <button type="button" class="secondary" disabled={busy} onClick={() => void startEdit(webhook)}>
                  {words.edit(name)}
                </button>
                <button type="button" class="secondary" disabled={busy} onClick={() => void rotate(webhook)}>
                  {words.rotate(name)}
                </button>
                <button type="button" class="secondary" disabled={busy} onClick={() => void loadDeliveries(webhook)}>
                  {log ? words.refreshDeliveries(name) : words.showDeliveries(name)}
                </button>
                <button type="button" class="secondary danger" disabled={busy} onClick={() => void remove(webhook)}>
                  {words.remove(name)}
                </button>
              </div>
            )}
            {log && (
              <DeliveryLog
                name={name}
                deliveries={log}
                busy={busy}
                replay={(delivery) => void replay(webhook, delivery)}
              />
            )}
          </article>
        );
      })}

      <h2>{words.registerTitle}</h2>
      <ErrorSummary errors={errors} labelOf={labelOf} />
      <form onSubmit={(event) => void register(event)} noValidate>
        <EndpointFields prefix="" draft={draft} errors={errors} change={setDraft} />
        <button type="submit" disabled={busy}>
          {words.register}
        </button>
      </form>
    </section>
  );
}

/** The URL, description and event types of an endpoint (and, when changing one, whether it is enabled). */
function EndpointFields({
  prefix,
  draft,
  errors,
  change,
  withEnabled = false,
}: {
  prefix: string;
  draft: EndpointDraft;
  errors: readonly FieldMessage[];
  change: (next: EndpointDraft) => void;
  withEnabled?: boolean;
}) {
  const errorAt = (field: string) => errors.find((error) => error.path === `${prefix}/${field}`)?.message;
  const eventsError = errorAt('eventTypes');
  const hintId = `${inputId(`${prefix}/eventTypes`)}-hint`;
  return (
    <>
      <Field
        path={`${prefix}/url`}
        label={words.fields.url?.label ?? ''}
        hint={words.fields.url?.hint}
        required
        error={errorAt('url')}
      >
        {(aria) => (
          <input
            {...aria}
            type="url"
            value={draft.url}
            onInput={(event) => change({ ...draft, url: event.currentTarget.value })}
          />
        )}
      </Field>
      <Field
        path={`${prefix}/description`}
        label={words.fields.description?.label ?? ''}
        hint={words.fields.description?.hint}
        error={errorAt('description')}
      >
        {(aria) => (
          <input
            {...aria}
            type="text"
            maxLength={200}
            value={draft.description}
            onInput={(event) => change({ ...draft, description: event.currentTarget.value })}
          />
        )}
      </Field>
      <fieldset class={eventsError ? 'checkboxes field-error' : 'checkboxes'} aria-describedby={hintId}>
        <legend>
          {words.fields.eventTypes?.label} <span class="field-note">({t.form.required})</span>
        </legend>
        <p class="hint" id={hintId}>
          {words.fields.eventTypes?.hint}
        </p>
        {eventsError && <p class="error-message">{eventsError}</p>}
        {EVENT_TYPES.map((type, index) => (
          <label key={type} class="checkbox">
            <input
              type="checkbox"
              id={index === 0 ? inputId(`${prefix}/eventTypes`) : undefined}
              checked={draft.eventTypes.includes(type)}
              onChange={(event) => {
                const { checked } = event.currentTarget;
                change({
                  ...draft,
                  eventTypes: checked
                    ? [...draft.eventTypes, type]
                    : draft.eventTypes.filter((candidate) => candidate !== type),
                });
              }}
            />{' '}
            {words.eventTypes[type]}
          </label>
        ))}
      </fieldset>
      {withEnabled && (
        <div class="field">
          <label class="checkbox">
            <input
              type="checkbox"
              id={inputId(`${prefix}/enabled`)}
              aria-describedby={`${inputId(`${prefix}/enabled`)}-hint`}
              checked={draft.enabled}
              onChange={(event) => change({ ...draft, enabled: event.currentTarget.checked })}
            />{' '}
            {words.fields.enabled?.label}
          </label>
          <p class="hint" id={`${inputId(`${prefix}/enabled`)}-hint`}>
            {words.fields.enabled?.hint}
          </p>
        </div>
      )}
    </>
  );
}

/** One endpoint's deliveries, newest first, with every attempt and a replay per delivery. */
function DeliveryLog({
  name,
  deliveries,
  busy,
  replay,
}: {
  name: string;
  deliveries: readonly Delivery[];
  busy: boolean;
  replay: (delivery: Delivery) => void;
}) {
  return (
    <div class="delivery-log">
      <h4 class="wrap-anywhere">{words.deliveriesTitle(name)}</h4>
      {deliveries.length === 0 ? (
        <p>{words.noDeliveries}</p>
      ) : (
        <TableFrame label={words.deliveriesTitle(name)}>
          <table>
            <thead>
              <tr>
                <th scope="col">{words.events}</th>
                <th scope="col">{words.status}</th>
                <th scope="col">{words.attempts}</th>
                <th scope="col">{words.actions}</th>
              </tr>
            </thead>
            <tbody>
              {deliveries.map((delivery) => {
                const type = words.eventTypes[delivery.eventType] ?? delivery.eventType;
                const created = formatDateTime(delivery.createdAt);
                return (
                  <tr key={delivery.id}>
                    <th scope="row">
                      {type}
                      <br />
                      <span class="muted">
                        {words.created} {created}
                      </span>
                    </th>
                    <td>{words.deliveryStatuses[delivery.status] ?? delivery.status}</td>
                    <td class="wrap-anywhere">
                      {delivery.attempts.length === 0 ? (
                        words.noAttempts
                      ) : (
                        <ul class="plain-list">
                          {delivery.attempts.map((attempt) => (
                            <li key={attempt.at}>
                              {words.attempt(
                                formatDateTime(attempt.at),
                                attempt.status === undefined ? words.noAnswer : `HTTP ${attempt.status}`,
                                attempt.latencyMs,
                              )}
                              {attempt.excerpt && (
                                <>
                                  {' '}
                                  <q>{attempt.excerpt}</q>
                                </>
                              )}
                            </li>
                          ))}
                        </ul>
                      )}
                      {delivery.nextAttemptAt && <p>{words.nextAttempt(formatDateTime(delivery.nextAttemptAt))}</p>}
                    </td>
                    <td>
                      <button type="button" class="secondary" disabled={busy} onClick={() => replay(delivery)}>
                        {words.replay(type, created)}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableFrame>
      )}
    </div>
  );
}
