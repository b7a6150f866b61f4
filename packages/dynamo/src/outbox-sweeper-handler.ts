import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { requiredEnv } from '@inovda/kernel';
import { scheduledHandler } from '@inovda/lambda-kit';
import { logger } from '@inovda/lambda-kit/logger';
import { ENV, OUTBOX_SWEEP } from '@inovda/manifest';
import { outboxRows } from './outbox-rows';
import { sweepOutbox } from './outbox-sweeper';

const eventBridge = new EventBridgeClient({});
const rows = outboxRows(new DynamoDBClient({}), requiredEnv(ENV.tableName));
const eventBusName = requiredEnv(ENV.eventBusName);
const graceSeconds = Number(requiredEnv(ENV.outboxSweepGraceSeconds));

/** The outbox sweeper Lambda: the same code for every service, on the service's `outbox-sweep` schedule. */
export const handler = scheduledHandler('outbox-sweep', async () => ({
  ...(await sweepOutbox(
    { eventBridge, eventBusName, rows, log: (message, extra) => logger.warn(message, extra) },
    { graceSeconds, maxRows: OUTBOX_SWEEP.maxRowsPerRun },
  )),
}));
