import { Logger } from '@aws-lambda-powertools/logger';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { requiredEnv } from '@inovda/kernel';
import { ENV } from '@inovda/manifest';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { publishOutbox } from './outbox-publisher';

const logger = new Logger();
const eventBridge = new EventBridgeClient({});
const eventBusName = requiredEnv(ENV.eventBusName);

/** The outbox publisher Lambda: the same code for every service, fed by its table's stream. */
export const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> =>
  publishOutbox(event, {
    eventBridge,
    eventBusName,
    log: (message, extra) => logger.warn(message, extra),
  });
