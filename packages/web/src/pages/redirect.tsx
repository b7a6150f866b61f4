import { useEffect } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { t } from '../i18n';

/**
 * The links the platform writes into notifications and e-mails name the API's resources (`/innovations/{id}`,
 * `/cycles/{id}`, `/notifications`); they lead to the app's own pages.
 */
export default function Redirect() {
  const { path, params } = useRoute();
  const { route } = useLocation();
  useEffect(() => {
    if (path.startsWith('/innovations/') && params.id) route(`/inovasi/${params.id}`, true);
    else if (path.startsWith('/cycles/')) route('/siklus', true);
    else route('/kotak-masuk', true);
  }, [path, params.id, route]);
  return <p role="status">{t.app.loading}</p>;
}
