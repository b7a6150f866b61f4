import type { Envelope, EventContract } from '@inovda/contracts';
import type { Context, EventBridgeEvent, ScheduledEvent } from 'aws-lambda';
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

/**
 * Wraps a consumer of events from the region bus. The detail is validated once, here, against the contract named
 * by its detail-type; an event no contract names, or one that breaks its contract, is logged and rejected (thrown),
 * so it is retried and finally dead-lettered where a person sees it, instead of dropped silently. Every log line
 * carries the event's correlation and event ids.
 */
export function eventConsumer<Contracts extends readonly AnyContract[]>(
  contracts: Contracts,
  consume: (event: ReceivedEvent<Contracts[number]>) => Promise<unknown>,
) {
  const byName = new Map(contracts.map((contract) => [contract.name, contract]));
  return async (event: EventBridgeEvent<string, unknown>, context: Context): Promise<void> => {
    logger.startInvocation(context);
    const contract = byName.get(event['detail-type']);
    if (!contract || event.source !== contract.source) {
      logger.error('event without a contract', { source: event.source, detailType: event['detail-type'] });
      throw new Error(`no contract for ${event.source} ${event['detail-type']}`);
    }
    const envelope = contract.parse(event.detail);
    logger.appendKeys({ correlationId: envelope.metadata.correlationId, eventId: envelope.metadata.eventId });
    try {
      const outcome = await consume({ detailType: contract.name, envelope, id: event.id } as ReceivedEvent<
        Contracts[number]
      >);
      logger.info('event consumed', { detailType: contract.name, outcome: outcome ?? null });
    } catch (error) {
      logger.error('event not consumed', { detailType: contract.name, error });
      throw error;
    }
  };
}

/** What a scheduled run receives: the tick's id (also the correlation id of whatever the run causes) and time. */
export interface ScheduledRun {
  readonly id: string;
  readonly time: string;
  readonly correlationId: string;
}

/**
 * Wraps a function a schedule invokes: the tick's id is the correlation id of the run (in its logs and in every
 * event it causes), the run's summary is logged, and a failure is thrown so the schedule's retries and dead letters
 * apply.
 */
export function scheduledHandler(name: string, run: (tick: ScheduledRun) => Promise<Record<string, unknown>>) {
  return async (event: ScheduledEvent, context: Context): Promise<void> => {
    logger.startInvocation(context);
    logger.appendKeys({ correlationId: event.id, schedule: name });
    try {
      const summary = await run({ id: event.id, time: event.time, correlationId: event.id });
      logger.info('scheduled run done', { ...summary });
    } catch (error) {
      logger.error('scheduled run failed', { error });
      throw error;
    }
  };
}
