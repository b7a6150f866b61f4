import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Envelope, EventContract } from '@inovda/contracts';
import middy from '@middy/core';
import type { Context, EventBridgeEvent } from 'aws-lambda';
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
 * Wraps a consumer of events from the region bus. The detail is validated against the contract named by its
 * detail-type; an event no contract names, or one that breaks its contract, is logged and rejected (thrown), so
 * EventBridge retries it and finally dead-letters it where a person sees it, instead of dropping it silently.
 */
export function eventHandler<Contracts extends readonly AnyContract[]>(
  contracts: Contracts,
  consume: (event: ReceivedEvent<Contracts[number]>) => Promise<void>,
) {
  const byName = new Map(contracts.map((contract) => [contract.name, contract]));
  return middy<EventBridgeEvent<string, unknown>, void, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler(async (event) => {
      const contract = byName.get(event['detail-type']);
      if (!contract || event.source !== contract.source) {
        throw new Error(`no contract for ${event.source} ${event['detail-type']}`);
      }
      const envelope = contract.parse(event.detail);
      logger.appendKeys({ correlationId: envelope.metadata.correlationId, eventId: envelope.metadata.eventId });
      await consume({ detailType: contract.name, envelope, id: event.id } as ReceivedEvent<Contracts[number]>);
    });
}
