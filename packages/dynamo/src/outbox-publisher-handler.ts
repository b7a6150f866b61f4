import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { requiredEnv } from '@inovda/kernel';
import { logger } from '@inovda/lambda-kit/logger';
import { ENV } from '@inovda/manifest';
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { publishOutbox } from './outbox-publisher';
import { outboxRows } from './outbox-rows';

const eventBridge = new EventBridgeClient({});
const rows = outboxRows(new DynamoDBClient({}), requiredEnv(ENV.tableName));
const eventBusName = requiredEnv(ENV.eventBusName);

/** The outbox publisher Lambda: the same code for every service, fed by its table's stream. */
export const handler = async (event: DynamoDBStreamEvent, context: Context): Promise<DynamoDBBatchResponse> => {
  logger.startInvocation(context);
  return publishOutbox(event, {
    eventBridge,
    eventBusName,
    rows,
    log: (message, extra) => logger.warn(message, extra),
  });
};
