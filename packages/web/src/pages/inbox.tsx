import type { notificationSchema } from '@inovda/contracts';
import { useCallback, useEffect, useState } from 'preact/hooks';
import type * as z from 'zod/mini';
import { Notice } from '../components/fields';
import { formatDateTime, t } from '../i18n';
import { ApiProblem, api } from '../lib/api';

type Notification = z.infer<typeof notificationSchema>;

interface InboxPage {
  readonly items: readonly Notification[];
  readonly nextCursor: string | null;
  readonly unread: number;
}

/** The signed-in user's inbox, newest first: what happened to their innovations and work, read or not. */
export default function Inbox() {
  const [page, setPage] = useState<InboxPage>();
  const [problem, setProblem] = useState<string>();
  const [notice, setNotice] = useState<string>();

  const load = useCallback(async (cursor?: string) => {
    try {
      const { data } = await api<InboxPage>('GET', '/notifications', { query: cursor ? { cursor } : {} });
      setPage((previous) => (cursor && previous ? { ...data, items: [...previous.items, ...data.items] } : data));
    } catch (error) {
      setProblem(error instanceof ApiProblem ? error.title : t.problems.unknown);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  async function mark(path: string, done: string) {
    try {
      await api('POST', path);
      setNotice(done);
      await load();
    } catch (error) {
      setProblem(error instanceof ApiProblem ? error.title : t.problems.unknown);
    }
  }

  return (
    <section>
      <h1>{t.inbox.title}</h1>
      {problem && (
        <p class="error-message" role="alert">
          {problem}
        </p>
      )}
      <Notice text={notice} />
      {page === undefined && !problem && <p role="status">{t.app.loading}</p>}
      {page && (
        <>
          <p>{t.inbox.unread(page.unread)}</p>
          {page.unread > 0 && (
            <button
              type="button"
              class="secondary"
              onClick={() => void mark('/notifications/read-all', t.inbox.allRead)}
            >
              {t.inbox.markAllRead}
            </button>
          )}
          {page.items.length === 0 && <p>{t.inbox.empty}</p>}
          <ul class="inbox">
            {page.items.map((item) => (
              <li key={item.id} class={item.readAt ? 'read' : 'unread'}>
                <h2>
                  {!item.readAt && <span class="badge">{t.inbox.new}</span>}{' '}
                  {item.link ? <a href={item.link}>{item.subject}</a> : item.subject}
                </h2>
                <p class="muted">{formatDateTime(item.createdAt)}</p>
                <p class="inbox-body">{item.body}</p>
                {!item.readAt && (
                  <button
                    type="button"
                    class="secondary"
                    onClick={() => void mark(`/notifications/${item.id}/read`, t.inbox.oneRead)}
                  >
                    {t.inbox.markRead(item.subject)}
                  </button>
                )}
              </li>
            ))}
          </ul>
          {page.nextCursor && (
            <button type="button" onClick={() => void load(page.nextCursor ?? undefined)}>
              {t.innovations.more}
            </button>
          )}
        </>
      )}
    </section>
  );
}
