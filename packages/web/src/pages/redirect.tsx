import { useEffect } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { t } from '../i18n';
import { hasRole, useSession } from '../lib/session';

/**
 * The links the platform writes into notifications and e-mails name the API's resources (`/innovations/{id}`,
 * `/cycles/{id}`, `/notifications`); they lead to the page of the app where the reader's role works on it: an
 * evaluator verifies an innovation, a coordinator reads a cycle's board, an OPD's staff go to their innovations
 * (where they register into an opened cycle and read their published results).
 */
export default function Redirect() {
  const { path, params } = useRoute();
  const { route } = useLocation();
  const session = useSession();
  useEffect(() => {
    const id = params.id ? encodeURIComponent(params.id) : undefined;
    const staff = hasRole(session, 'coordinator', 'admin');
    if (path.startsWith('/innovations/') && id) {
      route(hasRole(session, 'evaluator') && !staff ? `/penilaian/${id}` : `/inovasi/${id}`, true);
    } else if (path.startsWith('/cycles/') && id) {
      if (staff) route(`/siklus/${id}/papan`, true);
      else route(hasRole(session, 'evaluator') ? '/penilaian' : '/inovasi', true);
    } else route('/kotak-masuk', true);
  }, [path, params.id, route, session]);
  return <p role="status">{t.app.loading}</p>;
}
