import { useEffect, useState } from 'preact/hooks';

/**
 * The per-region settings of the running app, read from `/config.json` (written beside the app by the region stack,
 * served by `npm start` locally), so one build serves every region.
 */
export type AuthConfig =
  | { readonly kind: 'local' }
  | {
      readonly kind: 'cognito';
      /** The managed login's domain, `https://<prefix>.auth.<region>.amazoncognito.com`. */
      readonly domain: string;
      readonly clientId: string;
      readonly userPoolId: string;
    };

export interface AppConfig {
  /** The API's base URL, without a trailing slash. */
  readonly apiUrl: string;
  readonly regionName: string;
  /** The region's OPDs (`WebAppConfig` in @inovda/manifest writes them), so pages name an OPD. */
  readonly opds: ReadonlyArray<{ readonly id: string; readonly name: string }>;
  readonly auth: AuthConfig;
}

let loaded: Promise<AppConfig> | undefined;

function isConfig(value: unknown): value is AppConfig {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  const auth = candidate.auth as Record<string, unknown> | undefined;
  return (
    typeof candidate.apiUrl === 'string' &&
    typeof candidate.regionName === 'string' &&
    Array.isArray(candidate.opds) &&
    candidate.opds.every(
      (opd: unknown) =>
        typeof (opd as Record<string, unknown>)?.id === 'string' &&
        typeof (opd as Record<string, unknown>).name === 'string',
    ) &&
    typeof auth === 'object' &&
    auth !== null &&
    (auth.kind === 'local' ||
      (auth.kind === 'cognito' &&
        typeof auth.domain === 'string' &&
        typeof auth.clientId === 'string' &&
        typeof auth.userPoolId === 'string'))
  );
}

/** The app's config, fetched once. */
export function appConfig(): Promise<AppConfig> {
  loaded ??= fetch('/config.json', { cache: 'no-store' })
    .then((response) => (response.ok ? response.json() : Promise.reject(new Error(`config.json: ${response.status}`))))
    .then((value: unknown) => {
      if (!isConfig(value)) throw new Error('config.json is not an inovda web config');
      return { ...value, apiUrl: value.apiUrl.replace(/\/+$/, '') };
    });
  return loaded;
}

/** The name of an OPD of the region, or its id when the config does not know it. */
export function opdName(config: AppConfig | undefined, opdId: string): string {
  return config?.opds.find((opd) => opd.id === opdId)?.name ?? opdId;
}

/** The app's config once loaded (undefined until then), for pages that name OPDs. */
export function useAppConfig(): AppConfig | undefined {
  const [config, setConfig] = useState<AppConfig>();
  useEffect(() => {
    let live = true;
    appConfig()
      .then((value) => {
        if (live) setConfig(value);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return config;
}
