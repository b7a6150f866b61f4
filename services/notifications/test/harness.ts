import type { EventContext, EventContract } from '@inovda/contracts';
import { createDocumentClient } from '@inovda/dynamo';
import { type DevCaller, TEST_REGION_OPDS } from '@inovda/lambda-kit/testing';
import { startServiceHarness } from '@inovda/local/testing';
import type { RouteSpec } from '@inovda/manifest';
import { notificationsManifest } from '../src/manifest';
import { routes } from '../src/routes';
import { DigestStore } from '../src/store/digest-store';
import { NotificationStore } from '../src/store/notification-store';
import { WebhookStore } from '../src/store/webhook-store';
import type { NotifyDeps } from '../src/use-cases/context';

export type Who = DevCaller;

/** The test region's OPDs, one with an official address (told even when its staff never signed in). */
export const OPDS = TEST_REGION_OPDS.map((opd) =>
  opd.id === 'dpmptsp' ? { ...opd, email: 'dpmptsp@resmi.kota-uji.test' } : opd,
);

export const APP_ORIGIN = 'https://inovasi.kota-uji.test';

/** The notifications handlers in-process against a fresh table, with a request helper per route. */
export async function startHarness() {
  const harness = await startServiceHarness(notificationsManifest, {
    regionSettings: {
      opds: OPDS,
      api: { allowedOrigins: [APP_ORIGIN] },
      notifications: { senderEmail: 'inovasi@kota-uji.test' },
    },
  });
  const to = (
    spec: RouteSpec,
    who: Who | null,
    params: Record<string, string> = {},
    options: { body?: unknown; headers?: Record<string, string>; query?: Record<string, string> } = {},
  ) => harness.route(spec, who, { params, ...options });

  const db = createDocumentClient(harness.client);
  const api = {
    items: harness.items,
    /** The use-case dependencies against this table, with a clock of the test's choosing (the schedules' runs). */
    depsAt(now: Date): NotifyDeps {
      return {
        store: new NotificationStore(db, harness.tableName),
        webhooks: new WebhookStore(db, harness.tableName),
        digests: new DigestStore(db, harness.tableName),
        regionId: 'kota-solok',
        opds: OPDS,
        appOrigin: APP_ORIGIN,
        now: () => now,
        newId: () => crypto.randomUUID(),
      };
    },
    deliver: <C extends EventContract<string, never>>(
      contract: C,
      data: Parameters<C['create']>[0],
      context: Partial<EventContext> = {},
    ) => harness.deliver('notify', contract, data, context),
    redeliver: (event: { source: string; detailType: string; detail: unknown }) => harness.consume('notify', event),
    inbox: (who: Who, query: Record<string, string> = {}) => to(routes.listNotifications, who, {}, { query }),
    markRead: (who: Who, id: string) => to(routes.markRead, who, { id }),
    markAllRead: (who: Who) => to(routes.markAllRead, who),
    preferences: (who: Who) => to(routes.getPreferences, who),
    setPreferences: (who: Who, body: unknown, headers: Record<string, string> = {}) =>
      to(routes.setPreferences, who, {}, { body, headers }),
    /** The e-mails recorded for sending, from the outbox (NotificationEmailRequested) and their delivery items. */
    async emails(): Promise<Array<{ to: string; subject: string; text: string; html: string }>> {
      return (await harness.items())
        .filter((item) => item.pk?.S?.startsWith('EMAIL#'))
        .map((item) => ({
          to: item.to?.S ?? '',
          subject: item.subject?.S ?? '',
          text: item.text?.S ?? '',
          html: item.html?.S ?? '',
        }));
    },
    stop: harness.stop,
  };
  return api;
}
