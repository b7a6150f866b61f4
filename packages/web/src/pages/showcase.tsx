import type { PublicInnovation } from '@inovda/contracts';
import { useEffect, useState } from 'preact/hooks';
import { formatDate, t } from '../i18n';
import { api } from '../lib/api';
import { refusalText } from '../lib/use-api-action';

interface ShowcasePage {
  readonly items: readonly PublicInnovation[];
  readonly nextCursor: string | null;
}

/** The affairs of an innovation, in words. */
export const affairsOf = (innovation: PublicInnovation) =>
  innovation.governmentAffairs.map((affair) => t.affairs[affair] ?? affair).join(', ');

/** The public showcase: launched innovations, newest first, for anyone (no sign-in; the API's public read). */
export default function Showcase() {
  const [items, setItems] = useState<readonly PublicInnovation[]>();
  const [cursor, setCursor] = useState<string | null>(null);
  const [problem, setProblem] = useState<string>();

  async function load(after?: string) {
    try {
      const { data } = await api<ShowcasePage>('GET', '/public/innovations', {
        anonymous: true,
        query: after ? { cursor: after } : {},
      });
      setItems((previous) => [...(after ? (previous ?? []) : []), ...data.items]);
      setCursor(data.nextCursor);
    } catch (error) {
      setProblem(refusalText(error));
    }
  }
  useEffect(() => {
    void load();
  }, []);

  return (
    <section>
      <h1>{t.publicPages.showcaseTitle}</h1>
      <p>{t.publicPages.showcaseIntro}</p>
      <p>
        <a href="/peringkat">{t.nav.ranking}</a>
      </p>
      {problem && (
        <p class="error-message" role="alert">
          {problem}
        </p>
      )}
      {items === undefined && !problem && <p role="status">{t.app.loading}</p>}
      {items?.length === 0 && <p>{t.publicPages.showcaseEmpty}</p>}
      <ul class="card-list">
        {items?.map((innovation) => (
          <li key={innovation.id} class="card">
            <h2>
              <a href={`/galeri/${innovation.id}`}>{innovation.name}</a>
            </h2>
            <p>
              {innovation.opdName} · {t.publicPages.launched} {formatDate(innovation.launchedAt)}
            </p>
            <p class="hint">{affairsOf(innovation)}</p>
            {innovation.summary && <p>{innovation.summary}</p>}
          </li>
        ))}
      </ul>
      {cursor && (
        <button type="button" onClick={() => void load(cursor)}>
          {t.publicPages.more}
        </button>
      )}
    </section>
  );
}
