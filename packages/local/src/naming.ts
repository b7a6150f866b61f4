import type { FunctionSpec, ServiceManifest } from '@inovda/manifest';
import { LOCAL_ACCOUNT_ID } from './local-region';

/** The region's event bus name (one bus per region, as in the stack). */
export function eventBusNameFor(regionId: string): string {
  return `inovda-${regionId}`;
}

/** A service's table name; `tablePrefix` isolates runs that share one DynamoDB Local. */
export function tableNameFor(tablePrefix: string, regionId: string, manifest: ServiceManifest): string {
  return `${tablePrefix}inovda-${regionId}-${manifest.table.name}`;
}

/** A function's name, as in `AWS_LAMBDA_FUNCTION_NAME` and log lines. */
export function functionNameFor(regionId: string, manifest: ServiceManifest, fn: FunctionSpec): string {
  return `inovda-${regionId}-${manifest.name}-${fn.name}`;
}

/** The ARN of a Lambda function. */
export function functionArn(awsRegion: string, functionName: string): string {
  return `arn:aws:lambda:${awsRegion}:${LOCAL_ACCOUNT_ID}:function:${functionName}`;
}

/** The ARN of an event bus. */
export function eventBusArn(awsRegion: string, busName: string): string {
  return `arn:aws:events:${awsRegion}:${LOCAL_ACCOUNT_ID}:event-bus/${busName}`;
}

/** The ARN of a rule on a custom bus (`rule/<bus>/<rule>`, as EventBridge writes it). */
export function ruleArn(awsRegion: string, busName: string, ruleName: string): string {
  return busName === 'default'
    ? `arn:aws:events:${awsRegion}:${LOCAL_ACCOUNT_ID}:rule/${ruleName}`
    : `arn:aws:events:${awsRegion}:${LOCAL_ACCOUNT_ID}:rule/${busName}/${ruleName}`;
}

/** The ARN of a queue, as SQS builds it (the local account, as the other local ARNs). */
export function queueArn(awsRegion: string, queueName: string): string {
  return `arn:aws:sqs:${awsRegion}:${LOCAL_ACCOUNT_ID}:${queueName}`;
}

/** The ARN of an archive (`archive/<name>`, as EventBridge writes it). */
export function archiveArn(awsRegion: string, archiveName: string): string {
  return `arn:aws:events:${awsRegion}:${LOCAL_ACCOUNT_ID}:archive/${archiveName}`;
}

/** The ARN of a replay (`replay/<name>`). */
export function replayArn(awsRegion: string, replayName: string): string {
  return `arn:aws:events:${awsRegion}:${LOCAL_ACCOUNT_ID}:replay/${replayName}`;
}
