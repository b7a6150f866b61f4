import { useEffect } from 'preact/hooks';
import { t } from '../i18n';

/** Forms on the page holding unsaved changes right now. */
let dirtyForms = 0;

/**
 * While `dirty`, leaving loses nothing silently: closing or reloading the tab asks the browser's own question, and
 * following a link inside the app asks ours first (the router navigates without unloading the page).
 */
export function useUnsavedChanges(dirty: boolean): void {
  useEffect(() => {
    if (!dirty) return;
    dirtyForms += 1;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
    };
    const onClick = (event: MouseEvent) => {
      const link = (event.target as Element | null)?.closest?.('a[href]');
      if (!link || link.getAttribute('href')?.startsWith('#')) return;
      if (!window.confirm(t.app.unsavedChanges)) {
        event.preventDefault();
        event.stopImmediatePropagation();
      } else forgetKeptInputs(); // They chose to leave it: the form opens empty next time.
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    // Capture phase: before the router's own click handler turns the click into a navigation.
    document.addEventListener('click', onClick, true);
    return () => {
      dirtyForms -= 1;
      window.removeEventListener('beforeunload', onBeforeUnload);
      document.removeEventListener('click', onClick, true);
    };
  }, [dirty]);
}

/**
 * Before an action that drops what a form holds unsaved (signing out): true when nothing is lost or they agree.
 */
export function confirmLeaving(): boolean {
  return dirtyForms === 0 || window.confirm(t.app.unsavedChanges);
}

const KEPT_PREFIX = 'inovda.unsaved:';

/**
 * A long form's unsaved input, kept in the tab (sessionStorage) under `key` while it is being typed: what an expired
 * session's sign-in, the browser's Back button or a reload would otherwise lose is there again when the form opens.
 */
export function keptInput<T>(key: string): T | undefined {
  try {
    const raw = sessionStorage.getItem(`${KEPT_PREFIX}${key}`);
    return raw ? (JSON.parse(raw) as T) : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps `value` as the input of `key`, or forgets it (undefined: saved, or nothing typed). */
export function keepInput(key: string, value: unknown): void {
  try {
    if (value === undefined) sessionStorage.removeItem(`${KEPT_PREFIX}${key}`);
    else sessionStorage.setItem(`${KEPT_PREFIX}${key}`, JSON.stringify(value));
  } catch {
    // Storage full or refused: the form still works, it only cannot keep its input.
  }
}

/** Forgets every form's kept input (signing out on purpose: the next person at this tab must not see it). */
export function forgetKeptInputs(): void {
  for (const key of Object.keys(sessionStorage)) if (key.startsWith(KEPT_PREFIX)) sessionStorage.removeItem(key);
}
