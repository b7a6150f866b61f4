import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { t } from '../i18n';
import { hasRole, isPublicPath, rememberReturn, signOut, useSession } from '../lib/session';
import { confirmLeaving, forgetKeptInputs } from '../lib/unsaved-changes';

/** The frame of every page: skip link, header with the role's navigation, and the main landmark. */
export function Layout({ children }: { children: ComponentChildren }) {
  const session = useSession();
  const { route, path, url } = useLocation();
  // A page that needs a session, opened without one (or after it expired): sign in first, then come back here.
  const mustSignIn = !session && !isPublicPath(path);
  useEffect(() => {
    if (!mustSignIn) return;
    rememberReturn(url);
    route('/masuk', true);
  }, [mustSignIn, url, route]);
  // After a navigation inside the app the focus starts at the new page's content, as the skip link would put it:
  // left on the link or button that led there, or lost with the page it belonged to, the next Tab would leave the
  // page or go back through the header. Not on the first page: a page load starts from the top.
  const main = useRef<HTMLElement>(null);
  const navigated = useRef(false);
  useEffect(() => {
    if (navigated.current) main.current?.focus();
    navigated.current = true;
  }, [path]);
  return (
    <>
      <a class="skip-link" href="#main">
        {t.app.skipToContent}
      </a>
      <header class="site-header">
        <a class="brand" href="/">
          <span class="brand-name">{t.app.name}</span> <span class="brand-tagline">{t.app.tagline}</span>
        </a>
        <nav aria-label={t.app.mainNav}>
          <ul>
            {hasRole(session, 'coordinator', 'admin') && (
              <li>
                <a href="/siklus">{t.nav.cycles}</a>
              </li>
            )}
            {hasRole(session, 'opd', 'admin') && (
              <>
                <li>
                  <a href="/inovasi">{t.nav.myInnovations}</a>
                </li>
                <li>
                  <a href="/inovasi/baru">{t.nav.newInnovation}</a>
                </li>
              </>
            )}
            {hasRole(session, 'evaluator') && (
              <li>
                <a href="/penilaian">{t.evaluation.navMine}</a>
              </li>
            )}
            {hasRole(session, 'coordinator', 'admin') && (
              <li>
                <a href="/penugasan">{t.evaluation.navAssignments}</a>
              </li>
            )}
            {session && (
              <li>
                <a href="/kotak-masuk">{t.nav.inbox}</a>
              </li>
            )}
            {session && (
              <li>
                <a href="/pengaturan/notifikasi">{t.opd.preferences.title}</a>
              </li>
            )}
            {hasRole(session, 'opd') && session?.opdId && (
              <li>
                <a href={`/opd/${session.opdId}/webhook`}>{t.webhooks.nav}</a>
              </li>
            )}
            <li>
              <a href="/galeri">{t.nav.showcase}</a>
            </li>
            <li>
              <a href="/peringkat">{t.nav.ranking}</a>
            </li>
            {!session && (
              <li>
                <a href="/masuk">{t.nav.signIn}</a>
              </li>
            )}
          </ul>
        </nav>
        {session && (
          <div class="who">
            <span>
              {t.app.signedInAs(session.name)} ({session.roles.map((role) => t.roles[role] ?? role).join(', ')})
            </span>{' '}
            <button
              type="button"
              class="link-button"
              onClick={() => {
                if (!confirmLeaving()) return;
                forgetKeptInputs();
                signOut();
                route('/masuk');
              }}
            >
              {t.app.signOut}
            </button>
          </div>
        )}
      </header>
      <main id="main" tabIndex={-1} ref={main}>
        {mustSignIn ? null : children}
      </main>
    </>
  );
}
