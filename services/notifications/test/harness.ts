import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { ListSecretsCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { EventContext, EventContract } from '@inovda/contracts';
import { notificationsRoutes as routes } from '@inovda/contracts';
import { createDocumentClient } from '@inovda/dynamo';
import { type DevCaller, TEST_REGION_OPDS } from '@inovda/lambda-kit/testing';
import {
  type DirectoryEntry,
  localUserPoolId,
  silentLogger,
  startSecretsManagerApi,
  startUserDirectoryApi,
} from '@inovda/local';
import { startServiceHarness } from '@inovda/local/testing';
import type { RouteSpec } from '@inovda/manifest';
import { ulid } from 'ulid';
import { CognitoUserDirectory } from '../src/directory/cognito-directory';
import { notificationsManifest } from '../src/manifest';
import { DigestStore } from '../src/store/digest-store';
import { NotificationStore } from '../src/store/notification-store';
import { WebhookStore } from '../src/store/webhook-store';
import type { NotifyDeps } from '../src/use-cases/context';
import { syncDirectory } from '../src/use-cases/directory';
import type { WebhookDeps } from '../src/use-cases/webhook-context';
import { SecretsManagerSecrets, secretNameOf } from '../src/webhooks/secret-store';
import { LOCAL_RUNTIME_VARIABLE, urlSafetyForRuntime } from '../src/webhooks/url-safety';

export type Who = DevCaller;

/** The test region's OPDs, one with an official address (told even when its staff never signed in). */
export const OPDS = TEST_REGION_OPDS.map((opd) =>
  opd.id === 'dpmptsp' ? { ...opd, email: 'dpmptsp@resmi.kota-uji.test' } : opd,
);

export const APP_ORIGIN = 'https://inovasi.kota-uji.test';

/** The notifications handlers in-process against a fresh table, with a request helper per route. */
export async function startHarness() {
  // The webhooks' signing secrets: the platform's own Secrets Manager, as the local runtime gives the functions; and
  // the local runtime's relaxed URL check (plain http on loopback, for a receiver on this machine). Both before the
  // handlers are loaded: they build their clients and options once, at load.
  const secretsApi = await startSecretsManagerApi({
    awsRegion: 'ap-southeast-3',
    accountId: '000000000000',
    log: silentLogger,
  });
  process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER = secretsApi.endpoint;
  // The region's user directory (Cognito ListUsersInGroup): empty until a test lists users in it.
  const directory = await startUserDirectoryApi({
    users: [],
    userPoolId: localUserPoolId('ap-southeast-3', 'kota-solok'),
    log: silentLogger,
  });
  process.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER = directory.endpoint;
  const directoryClient = new CognitoIdentityProviderClient({
    endpoint: directory.endpoint,
    region: 'ap-southeast-3',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  process.env[LOCAL_RUNTIME_VARIABLE] = '1';
  const secretsClient = new SecretsManagerClient({
    endpoint: secretsApi.endpoint,
    region: 'ap-southeast-3',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  const harness = await startServiceHarness(notificationsManifest, {
    userPoolId: directory.userPoolId,
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
    /** The webhook use cases' dependencies at a clock of the test's choosing (the retry schedule's runs). */
    webhookDepsAt(now: Date | (() => Date)): WebhookDeps {
      return {
        ...this.depsAt(new Date()),
        now: typeof now === 'function' ? now : () => now,
        secrets: new SecretsManagerSecrets(secretsClient),
        urlSafety: urlSafetyForRuntime({ [LOCAL_RUNTIME_VARIABLE]: '1' }),
        newId: () => ulid(),
      };
    },
    /** The names of the signing secrets kept (a refused registration keeps none). */
    async listSecretNames(): Promise<string[]> {
      const listed = await secretsClient.send(new ListSecretsCommand({ MaxResults: 100 }));
      return (listed.SecretList ?? []).map((secret) => secret.Name ?? '').sort();
    },
    /** An endpoint's current signing secret, as the store keeps it. */
    async currentSecret(webhookId: string): Promise<string> {
      return new SecretsManagerSecrets(secretsClient).current(secretNameOf('kota-solok', webhookId));
    },
    deliver: <C extends EventContract<string, never>>(
      contract: C,
      data: Parameters<C['create']>[0],
      context: Partial<EventContext> = {},
    ) => harness.publish(contract, data, context),
    redeliver: (event: { source: string; detailType: string; detail: unknown }) => harness.republish(event),
    inbox: (who: Who | null, query: Record<string, string> = {}) => to(routes.listNotifications, who, {}, { query }),
    markRead: (who: Who | null, id: string) => to(routes.markRead, who, { id }),
    markAllRead: (who: Who | null) => to(routes.markAllRead, who),
    preferences: (who: Who | null) => to(routes.getPreferences, who),
    setPreferences: (who: Who | null, body: unknown, headers: Record<string, string> = {}) =>
      to(routes.setPreferences, who, {}, { body, headers }),
    listWebhooks: (who: Who | null, opdId: string) => to(routes.listWebhooks, who, { opdId }),
    createWebhook: (who: Who | null, opdId: string, body: unknown, headers: Record<string, string> = {}) =>
      to(routes.createWebhook, who, { opdId }, { body, headers }),
    getWebhook: (who: Who | null, opdId: string, webhookId: string) => to(routes.getWebhook, who, { opdId, webhookId }),
    updateWebhook: (
      who: Who | null,
      opdId: string,
      webhookId: string,
      body: unknown,
      headers: Record<string, string> = {},
    ) => to(routes.updateWebhook, who, { opdId, webhookId }, { body, headers }),
    deleteWebhook: (who: Who | null, opdId: string, webhookId: string) =>
      to(routes.deleteWebhook, who, { opdId, webhookId }),
    rotateSecret: (who: Who | null, opdId: string, webhookId: string) =>
      to(routes.rotateWebhookSecret, who, { opdId, webhookId }),
    deliveries: (who: Who | null, opdId: string, webhookId: string, query: Record<string, string> = {}) =>
      to(routes.listDeliveries, who, { opdId, webhookId }, { query }),
    replay: (who: Who | null, opdId: string, webhookId: string, deliveryId: string) =>
      to(routes.replayDelivery, who, { opdId, webhookId, deliveryId }),
    /** The events recorded for publishing (the outbox), by type. */
    async outbox(
      detailType?: string,
    ): Promise<Array<{ source: string; detailType: string; detail: Record<string, unknown> }>> {
      return (await harness.items())
        .filter((item) => item.pk?.S?.startsWith('OUTBOX#'))
        .map((item) => ({
          source: item.source?.S ?? '',
          detailType: item.detailType?.S ?? '',
          detail: JSON.parse(item.detail?.S ?? '{}'),
        }))
        .filter((event) => detailType === undefined || event.detailType === detailType);
    },
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
    /** Lists these users in the region's user directory (what the pool holds from now on). */
    setDirectory: (users: readonly DirectoryEntry[]) => directory.setUsers(users),
    /** Runs the directory sync once, as its schedule would. */
    syncDirectory: () => harness.tick('sync-directory'),
    /** Runs the directory sync's use case with its listing beginning at `startedAt`, for what it found and wrote. */
    syncDirectoryAt(startedAt: Date) {
      return syncDirectory(this.depsAt(startedAt), new CognitoUserDirectory(directory.userPoolId, directoryClient));
    },
    async stop(): Promise<void> {
      await harness.stop();
      directoryClient.destroy();
      await directory.stop();
      delete process.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER;
      secretsClient.destroy();
      await secretsApi.stop();
      delete process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER;
      delete process.env[LOCAL_RUNTIME_VARIABLE];
    },
  };
  return api;
}
