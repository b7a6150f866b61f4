import type { JSX } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { t } from '../i18n';
import type { FieldMessage } from '../lib/api';

/** The id of the input for a field path (`/contactPerson/email` → `f-contactPerson-email`). */
export const inputId = (path: string) => `f${path.replace(/\//g, '-')}`;

interface FieldProps {
  readonly path: string;
  readonly label: string;
  readonly hint?: string;
  readonly required?: boolean;
  readonly error?: string;
  readonly children: (aria: {
    id: string;
    'aria-describedby'?: string;
    'aria-invalid'?: boolean;
    required?: boolean;
  }) => JSX.Element;
}

/** A labelled input with its hint and its error, wired for screen readers. */
export function Field({ path, label, hint, required, error, children }: FieldProps) {
  const id = inputId(path);
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={error ? 'field field-error' : 'field'}>
      <label for={id}>
        {label} <span class="field-note">({required ? t.form.required : t.form.optional})</span>
      </label>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="error-message" id={`${id}-error`}>
          {error}
        </p>
      )}
      {children({
        id,
        ...(described ? { 'aria-describedby': described } : {}),
        ...(error ? { 'aria-invalid': true } : {}),
        ...(required ? { required: true } : {}),
      })}
    </div>
  );
}

/**
 * The list of what to fix, at the top of the form, focused when it appears; each item links to its field.
 * `labelOf` names a field path for people.
 */
export function ErrorSummary({
  errors,
  labelOf,
  title = t.form.errorSummary,
}: {
  errors: readonly FieldMessage[];
  labelOf: (path: string) => string;
  title?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  // Before the browser paints (not after, as useEffect would): a key pressed at once then lands in the summary.
  useLayoutEffect(() => {
    if (errors.length > 0) ref.current?.focus();
  }, [errors]);
  if (errors.length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{title}</h2>
      <ul>
        {errors.map((error) => (
          <li key={error.path}>
            <a href={`#${inputId(error.path)}`}>
              {labelOf(error.path)}: {error.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A short status line (saved, sent), announced politely. */
export function Notice({ text }: { text: string | undefined }) {
  return (
    <p class="notice" role="status">
      {text ?? ''}
    </p>
  );
}

/** What a page shows until its data is in: its heading, and the loading status or why it could not load. */
export function PageLoading({ heading, problem }: { heading?: string; problem: string | undefined }) {
  return (
    <section>
      {heading && <h1>{heading}</h1>}
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

/**
 * After a 412 (saved elsewhere since this page read it): what differs, while the form keeps what was typed; saving
 * again overwrites it knowingly.
 */
export function StaleNotice({ title, hint, items }: { title: string; hint: string; items: readonly string[] }) {
  return (
    <div class="stale" role="alert">
      <h2>{title}</h2>
      <p>{hint}</p>
      <ul>
        {items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    </div>
  );
}

/** A refusal in the API's words, with the list of what is still missing when it gave one (a gate, a submission). */
export function RefusalSummary({
  text,
  missingTitle,
  missing,
}: {
  text: string;
  missingTitle: string;
  missing: readonly string[];
}) {
  return (
    <div class="error-summary" role="alert">
      <p>{text}</p>
      {missing.length > 0 && (
        <>
          <h2>{missingTitle}</h2>
          <ul>
            {missing.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
