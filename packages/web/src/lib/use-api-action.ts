import { useCallback, useState } from 'preact/hooks';
import { t } from '../i18n';
import { ApiProblem } from './api';

/** What a refusal says to a person: the API's own Indonesian title, with its detail when it gives one. */
export function refusalText(error: unknown): string {
  if (!(error instanceof ApiProblem)) return t.problems.unknown;
  return error.detail ? `${error.title}: ${error.detail}` : error.title;
}

/**
 * Puts the focus back where a keyboard or screen-reader user left it, if the call lost it: a button disabled while
 * its call runs drops the focus to the page's body, and one the result removes takes it with it. Back to that
 * button when it is there again, else to the page's main content (as after a navigation).
 */
function restoreFocus(before: Element | null): void {
  const active = document.activeElement;
  if (active && active !== document.body) return;
  if (before instanceof HTMLElement && before.isConnected && !(before as HTMLButtonElement).disabled) before.focus();
  else document.getElementById('main')?.focus();
}

/**
 * The state every page keeps around the API calls it makes on a person's behalf: the refusal to show (`problem`),
 * the confirmation (`notice`) and whether a call is under way (`busy`, which disables the page's buttons).
 * `run(call, done)` clears both messages, runs the call, then shows `done` (its result's words) or the refusal;
 * it resolves to the call's result, or undefined when it was refused.
 */
export function useApiAction() {
  const [problem, setProblem] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [busy, setBusy] = useState(false);
  const run = useCallback(
    async <T>(call: () => Promise<T>, done?: string | ((result: T) => string)): Promise<T | undefined> => {
      const before = document.activeElement;
      setBusy(true);
      setProblem(undefined);
      setNotice(undefined);
      try {
        const result = await call();
        if (done !== undefined) setNotice(typeof done === 'function' ? done(result) : done);
        return result;
      } catch (error) {
        setProblem(refusalText(error));
        return undefined;
      } finally {
        setBusy(false);
        // After the render that enables the buttons again (Preact renders on a microtask).
        setTimeout(() => restoreFocus(before), 0);
      }
    },
    [],
  );
  return { problem, notice, busy, run, setProblem, setNotice };
}
