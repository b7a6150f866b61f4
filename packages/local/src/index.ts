/**
 * @inovda/local: the whole platform on one machine, with no AWS account, running the same handler code.
 * The composition root (infra/bin/local.ts) passes the region and the service manifests in.
 */

export type { CallerLimit } from './apigateway/caller-limits';
export { formatBanner } from './banner';
export { type DevUser, devUsersFor } from './cognito/dev-users';
export { LOCAL_CLIENT_ID } from './cognito/jwt-issuer';
export {
  type DirectoryEntry,
  localUserPoolId,
  startUserDirectoryApi,
  type UserDirectoryApi,
} from './cognito/user-directory-api';
export { type DynamoLocal, type DynamoLocalOptions, startDynamoLocal } from './dynamodb/dynamodb-local';
export { ensureTable } from './dynamodb/tables';
export { LocalRuntimeError } from './errors';
export { testEventPattern } from './event-pattern';
export type { BusSubscriber, LocalEventBus } from './eventbridge/bus';
export { EventBridgeError } from './eventbridge/eventbridge-error';
export type { ArchiveOverview, LocalReplayRequest } from './eventbridge/local-replays';
export type { EventBridgeEvent } from './eventbridge/put-events';
export type { ReplayDescription, ReplayState } from './eventbridge/replays';
export type { FaultView, LocalFaults } from './faults/switchboard';
export type { FaultName, FaultSettings, PutEventsFault, StreamPollerStoppedFault } from './faults/switches';
export type { LocalServiceEndpoints } from './lambda/environment';
export type { InvokeResult, LambdaError } from './lambda/invocation';
export type { LocalOpd, LocalRegion } from './local-region';
export { consoleLogger, type LocalLogger, silentLogger } from './log';
export { DEFAULT_DATA_DIR } from './platform/data-dir';
export type { LocalPlatform } from './platform/local-platform';
export type { SeedContext, StartLocalPlatformOptions } from './platform/options';
export { startLocalPlatform } from './platform/start';
export { type SecretsManagerApi, startSecretsManagerApi } from './secretsmanager/secrets-manager-api';
export { SecretsManagerError } from './secretsmanager/secrets-manager-error';
export type { LocalMailbox, SentMail } from './ses/mailbox';
export { type SesLocal, type SesLocalOptions, startSesLocal } from './ses/ses-local';
export type { DeadLetter } from './sqs/dead-letters';
