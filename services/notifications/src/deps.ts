import { serviceTableFromEnv } from '@inovda/dynamo';
import { systemClock, ulid } from '@inovda/kernel';
import { regionIdFromEnv, regionSetting } from '@inovda/lambda-kit';
import * as z from 'zod/mini';
import { DigestStore } from './store/digest-store';
import { NotificationStore } from './store/notification-store';
import { WebhookStore } from './store/webhook-store';
import type { Deps, NotifyDeps } from './use-cases/context';
import type { WebhookDeps } from './use-cases/webhook-context';
import { SecretsManagerSecrets } from './webhooks/secret-store';
import { urlSafetyForRuntime } from './webhooks/url-safety';

/** Dependencies of the notifications functions, built once per cold start from the environment the stack sets. */
export function depsFromEnv(): Deps {
  const { db, tableName } = serviceTableFromEnv();
  return { store: new NotificationStore(db, tableName), regionId: regionIdFromEnv(), ...systemClock };
}

const opdsSetting = /* @__PURE__ */ (() =>
  z.array(z.object({ id: z.string(), name: z.string(), email: z.optional(z.string()) })))();
const apiSetting = /* @__PURE__ */ (() => z.object({ allowedOrigins: z.array(z.string()).check(z.minLength(1)) }))();

/**
 * With the region's OPDs (names and official addresses: region setting `opds`) and the web app's origin, the first
 * allowed origin of the API (region setting `api`), for the links in e-mails.
 */
export function notifyDepsFromEnv(): NotifyDeps {
  const opds = regionSetting('opds', opdsSetting).map((opd) => ({
    id: opd.id,
    name: opd.name,
    ...(opd.email ? { email: opd.email } : {}),
  }));
  const { db, tableName } = serviceTableFromEnv();
  return {
    ...depsFromEnv(),
    opds,
    appOrigin: regionSetting('api', apiSetting).allowedOrigins[0] ?? '',
    webhooks: new WebhookStore(db, tableName),
    digests: new DigestStore(db, tableName),
  };
}

/** With the OPDs' endpoints, the secret store and the URL check of the runtime this runs in. */
export function webhookDepsFromEnv(): WebhookDeps {
  const { db, tableName } = serviceTableFromEnv();
  return {
    ...depsFromEnv(),
    webhooks: new WebhookStore(db, tableName),
    secrets: new SecretsManagerSecrets(),
    urlSafety: urlSafetyForRuntime(),
    newId: () => ulid(),
  };
}
