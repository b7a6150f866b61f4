import type { ComponentChildren } from 'preact';
import { useLocation } from 'preact-iso';
import { t } from '../i18n';
import { hasRole, signOut, useSession } from '../lib/session';

/** The frame of every page: skip link, header with the role's navigation, and the main landmark. */
export function Layout({ children }: { children: ComponentChildren }) {
  const session = useSession();
  const { route } = useLocation();
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
            {session && (
              <li>
                <a href="/kotak-masuk">{t.nav.inbox}</a>
              </li>
            )}
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
                signOut();
                route('/masuk');
              }}
            >
              {t.app.signOut}
            </button>
          </div>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
