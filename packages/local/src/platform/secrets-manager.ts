import type { LocalServiceEndpoints } from '../lambda/environment';
import { LOCAL_ACCOUNT_ID } from '../local-region';
import type { LocalLogger } from '../log';
import { startSecretsManagerApi } from '../secretsmanager/secrets-manager-api';
import type { DataDir } from './data-dir';
import type { StopOrder } from './stop-order';

/** The platform's Secrets Manager: its endpoint and what `GET /health` says of it. */
export interface PlatformSecretsManager {
  readonly endpoint: string;
  health(): { readonly status: 'up'; readonly endpoint: string; readonly secrets?: number };
}

/**
 * Starts the local Secrets Manager (persisted as `secrets-manager.json` in the data dir, in memory without one),
 * unless the options name one already running (`endpoints.secretsManager`), which is then used as it is. Before
 * the functions: those with a `secrets` grant get its URL as `AWS_ENDPOINT_URL_SECRETS_MANAGER`.
 */
export async function startSecretsManager(
  endpoints: LocalServiceEndpoints | undefined,
  awsRegion: string,
  dataDir: DataDir,
  log: LocalLogger,
  stops: StopOrder,
): Promise<PlatformSecretsManager> {
  const given = endpoints?.secretsManager;
  if (given) return { endpoint: given, health: () => ({ status: 'up', endpoint: given }) };
  const file = dataDir.file('secrets-manager.json');
  const api = await startSecretsManagerApi({
    awsRegion,
    accountId: LOCAL_ACCOUNT_ID,
    log,
    ...(file ? { file } : {}),
  });
  stops.add(() => api.stop());
  log.info(`▸ Secrets Manager on ${api.endpoint} (${file ? `kept in ${file}` : 'in memory'})`);
  return {
    endpoint: api.endpoint,
    health: () => ({ status: 'up', endpoint: api.endpoint, secrets: api.store.names().length }),
  };
}
