import { serviceTableFromEnv } from '@inovda/dynamo';
import { systemClock } from '@inovda/kernel';
import { regionIdFromEnv, regionSetting } from '@inovda/lambda-kit';
import * as z from 'zod/mini';
import { NotificationStore } from './store/notification-store';
import type { Deps, NotifyDeps } from './use-cases/context';

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
  return { ...depsFromEnv(), opds, appOrigin: regionSetting('api', apiSetting).allowedOrigins[0] ?? '' };
}
