import { t } from '../i18n';

export default function NotFound() {
  return (
    <section class="narrow">
      <h1>{t.app.notFound}</h1>
      <p>{t.app.notFoundHint}</p>
      <a href="/">{t.app.home}</a>
    </section>
  );
}
