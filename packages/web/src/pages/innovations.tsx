import type { Innovation } from '@inovda/contracts';
import { useEffect, useState } from 'preact/hooks';
import { TableFrame } from '../components/table-frame';
import { formatDateTime, t } from '../i18n';
import { ApiProblem, api } from '../lib/api';
import { useSession } from '../lib/session';

interface Page {
  readonly items: readonly Innovation[];
  readonly nextCursor: string | null;
}

/** The innovations of the caller's OPD (the API lists only what the caller may see). */
export default function Innovations() {
  const session = useSession();
  const [items, setItems] = useState<readonly Innovation[]>();
  const [cursor, setCursor] = useState<string | null>(null);
  const [problem, setProblem] = useState<string>();

  async function load(after?: string) {
    try {
      const { data } = await api<Page>('GET', '/innovations', {
        query: { ...(session?.opdId ? { opdId: session.opdId } : {}), ...(after ? { cursor: after } : {}) },
      });
      setItems((previous) => [...(after ? (previous ?? []) : []), ...data.items]);
      setCursor(data.nextCursor);
    } catch (error) {
      setProblem(error instanceof ApiProblem ? (error.detail ?? error.title) : t.problems.unknown);
    }
  }
  useEffect(() => {
    void load();
  }, [session?.opdId]);

  return (
    <section>
      <h1>{t.innovations.title}</h1>
      <p>
        <a class="button" href="/inovasi/baru">
          {t.nav.newInnovation}
        </a>
      </p>
      {problem && (
        <p class="error-message" role="alert">
          {problem}
        </p>
      )}
      {items === undefined && !problem && <p role="status">{t.app.loading}</p>}
      {items?.length === 0 && <p>{t.innovations.empty}</p>}
      {items && items.length > 0 && (
        <TableFrame label={t.innovations.title}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t.innovations.name}</th>
                <th scope="col">{t.innovations.status}</th>
                <th scope="col">{t.innovations.updated}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((innovation) => (
                <tr key={innovation.id}>
                  <td>
                    <a href={`/inovasi/${innovation.id}`}>{innovation.name}</a>
                  </td>
                  <td>{t.innovations.statuses[innovation.status] ?? innovation.status}</td>
                  <td>{formatDateTime(innovation.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableFrame>
      )}
      {cursor && (
        <button type="button" onClick={() => void load(cursor)}>
          {t.innovations.more}
        </button>
      )}
    </section>
  );
}
