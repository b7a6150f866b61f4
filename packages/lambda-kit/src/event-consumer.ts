import type { Envelope, EventContract } from '@inovda/contracts';
import type { Context, EventBridgeEvent, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { logger } from './logger';

/**
 * What an EventBridge consumer receives: the event, already checked against its contract. A union over the
 * consumer's contracts, discriminated by `detailType`, so `if (event.detailType === 'CycleOpened')` narrows the data.
 */
export type ReceivedEvent<Contract> =
  Contract extends EventContract<infer Name, infer Data>
    ? {
        readonly detailType: Name;
        readonly envelope: Envelope<Data>;
        /** EventBridge's id of this delivery (a re-published event has another id; dedupe on metadata.eventId). */
        readonly id: string;
      }
    : never;

// biome-ignore lint/suspicious/noExplicitAny: a consumer accepts contracts of any data schema.
type AnyContract = EventContract<string, any>;

/** A record the consumer could not take, and why (logged; SQS retries it, then sets it aside in the DLQ). */
class RecordRejected extends Error {}

function eventOf(record: SQSRecord): EventBridgeEvent<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(record.body);
    if (typeof parsed === 'object' && parsed !== null) return parsed as EventBridgeEvent<string, unknown>;
  } catch {
    // Falls through: a body that is not an EventBridge event is the record's failure, not the batch's.
  }
  throw new RecordRejected('the message body is not an EventBridge event');
}

/**
 * Wraps a consumer of events from the region bus, delivered through the function's SQS queue: each record's body is
 * the EventBridge event the rule matched. The detail is validated once, here, against the contract named by its
 * detail-type; an event no contract names, one that breaks its contract, or one the consumer throws on is a
 * failure of that record only, reported in `batchItemFailures` (the mapping has `ReportBatchItemFailures`): SQS
 * retries just that record after its visibility timeout and, after `maxReceiveCount` receives, moves it to the
 * consumer's DLQ where a person sees it and `npm run redrive` returns it. The others are deleted as done.
 *
 * Records run one after another, in batch order: records of one batch often touch the same row (a burst of
 * registrations into one cycle), and running them at once would make them conflict with each other; concurrency
 * comes from the mapping's `MaximumConcurrency` batches instead. Every log line carries the record's correlation and
 * event ids.
 */
export function eventConsumer<Contracts extends readonly AnyContract[]>(
  contracts: Contracts,
  consume: (event: ReceivedEvent<Contracts[number]>) => Promise<unknown>,
) {
  const byName = new Map(contracts.map((contract) => [contract.name, contract]));

  async function consumeRecord(record: SQSRecord): Promise<void> {
    const event = eventOf(record);
    const contract = byName.get(event['detail-type']);
    if (!contract || event.source !== contract.source) {
      throw new RecordRejected(`no contract for ${event.source} ${event['detail-type']}`);
    }
    const envelope = contract.parse(event.detail);
    logger.appendKeys({ correlationId: envelope.metadata.correlationId, eventId: envelope.metadata.eventId });
    const outcome = await consume({ detailType: contract.name, envelope, id: event.id } as ReceivedEvent<
      Contracts[number]
    >);
    logger.info('event consumed', { detailType: contract.name, outcome: outcome ?? null });
  }

  return async (batch: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
    for (const record of batch.Records) {
      logger.startInvocation(context);
      logger.appendKeys({ messageId: record.messageId, receiveCount: record.attributes?.ApproximateReceiveCount });
      try {
        await consumeRecord(record);
      } catch (error) {
        logger.error(error instanceof RecordRejected ? 'event refused' : 'event not consumed', { error });
        batchItemFailures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures };
  };
}
