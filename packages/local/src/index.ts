/**
 * @inovda/local: the whole platform on one machine, with no AWS account, running the same handler code.
 * The composition root (infra/bin/local.ts) passes the region and the service manifests in.
 */
export { formatBanner } from './banner';
export type { DeadLetter } from './dead-letters';
export { type DevUser, devUsersFor } from './dev-users';
export { type DynamoLocal, type DynamoLocalOptions, startDynamoLocal } from './dynamo-local';
export { LocalRuntimeError } from './errors';
export type { BusSubscriber, LocalEventBus } from './event-bus';
export { testEventPattern } from './event-pattern';
export type { InvokeResult, LambdaError } from './invocation';
export { LOCAL_CLIENT_ID } from './jwt-issuer';
export type { LocalOpd, LocalRegion } from './local-region';
export { consoleLogger, type LocalLogger, silentLogger } from './log';
export {
  DEFAULT_DATA_DIR,
  type LocalPlatform,
  type SeedContext,
  type StartLocalPlatformOptions,
  startLocalPlatform,
} from './platform';
export type { EventBridgeEvent } from './put-events';
export { ensureTable } from './tables';
