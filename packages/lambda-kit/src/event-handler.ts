import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Envelope, EventContract } from '@inovda/contracts';
import middy from '@middy/core';
import type { Context, EventBridgeEvent } from 'aws-lambda';
import type * as z from 'zod/mini';
import { logger } from './logger';

/** What an EventBridge consumer receives: the event, already checked against its contract. */
export interface ReceivedEvent<Data extends z.ZodMiniType> {
  readonly detailType: string;
  readonly envelope: Envelope<Data>;
  /** EventBridge's id of this delivery (the same event re-published has another id; use metadata.eventId). */
  readonly id: string;
}

// biome-ignore lint/suspicious/noExplicitAny: a consumer accepts contracts of any data schema.
type AnyContract = EventContract<string, any>;

/**
 * Wraps a consumer of events from the region bus. The detail is validated against the contract named by its
 * detail-type; an event no contract names, or one that breaks its contract, is logged and rejected (thrown), so
 * EventBridge retries it and finally dead-letters it where a person sees it, instead of dropping it silently.
 */
export function eventHandler<Contracts extends readonly AnyContract[]>(
  contracts: Contracts,
  consume: (
    event: ReceivedEvent<Contracts[number] extends EventContract<string, infer D> ? D : never>,
  ) => Promise<void>,
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
      await consume({ detailType: event['detail-type'], envelope, id: event.id });
    });
}
