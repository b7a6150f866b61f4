import { useEffect } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { t } from '../i18n';
import { hasRole, useSession } from '../lib/session';

/** Sends each role where its work is; without a session, to the sign-in. */
export default function Home() {
  const session = useSession();
  const { route } = useLocation();
  useEffect(() => {
    if (!session) route('/masuk', true);
    else if (hasRole(session, 'opd', 'admin')) route('/inovasi', true);
    else if (hasRole(session, 'coordinator')) route('/siklus', true);
    else if (hasRole(session, 'evaluator')) route('/penilaian', true);
    else route('/kotak-masuk', true);
  }, [session, route]);
  return (
    <section class="narrow">
      <h1>{t.app.home}</h1>
      <p role="status">{t.app.loading}</p>
    </section>
  );
}
