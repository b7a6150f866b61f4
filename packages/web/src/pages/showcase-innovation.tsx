import type { PublicInnovation } from '@inovda/contracts';
import { useEffect, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { formatDate, t } from '../i18n';
import { ApiProblem, api } from '../lib/api';
import { refusalText } from '../lib/use-api-action';
import { affairsOf } from './showcase';

/** One launched innovation as the public sees it: only the fields the API publishes. */
export default function ShowcaseInnovation() {
  const { params } = useRoute();
  const id = params.id ?? '';
  const [innovation, setInnovation] = useState<PublicInnovation>();
  const [problem, setProblem] = useState<string>();

  useEffect(() => {
    setInnovation(undefined);
    setProblem(undefined);
    api<PublicInnovation>('GET', `/public/innovations/${encodeURIComponent(id)}`, { anonymous: true })
      .then(({ data }) => setInnovation(data))
      .catch((error: unknown) =>
        setProblem(
          error instanceof ApiProblem && error.status === 404 ? t.publicPages.notInShowcase : refusalText(error),
        ),
      );
  }, [id]);

  return (
    <article>
      <p>
        <a href="/galeri">{t.publicPages.backToShowcase}</a>
      </p>
      {problem && (
        <>
          <h1>{t.publicPages.showcaseTitle}</h1>
          <p class="error-message" role="alert">
            {problem}
          </p>
        </>
      )}
      {!innovation && !problem && <p role="status">{t.app.loading}</p>}
      {innovation && (
        <>
          <h1>{innovation.name}</h1>
          <dl class="profile">
            <dt>{t.publicPages.opd}</dt>
            <dd>{innovation.opdName}</dd>
            <dt>{t.publicPages.affairs}</dt>
            <dd>{affairsOf(innovation)}</dd>
            <dt>{t.publicPages.launched}</dt>
            <dd>{formatDate(innovation.launchedAt)}</dd>
          </dl>
          {innovation.summary && (
            <section aria-labelledby="summary-title">
              <h2 id="summary-title">{t.publicPages.summary}</h2>
              <p class="prose">{innovation.summary}</p>
            </section>
          )}
          {innovation.results && (
            <section aria-labelledby="results-title">
              <h2 id="results-title">{t.publicPages.results}</h2>
              <p class="prose">{innovation.results}</p>
            </section>
          )}
        </>
      )}
    </article>
  );
}
