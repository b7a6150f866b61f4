import type * as z from 'zod/mini';
import { type Actor, type EventMetadata, envelopeSchema } from './envelope';

/** What a producer supplies besides the data; the contract fills in type and version. */
export interface EventContext {
  readonly eventId: string;
  readonly occurredAt: string;
  readonly regionId: string;
  readonly correlationId: string;
  readonly actor: Actor;
}

/** A published event, ready for the outbox: EventBridge source, detail-type and detail. */
export interface OutgoingEvent<Detail> {
  readonly source: string;
  readonly detailType: string;
  readonly detail: Detail;
}

/** Any contract's outgoing event, as the outbox stores it (it needs only the event and correlation ids). */
export type AnyOutgoingEvent = OutgoingEvent<{ metadata: { eventId: string; correlationId: string } }>;

/** The detail of an event with data schema `Data`. */
export interface Envelope<Data extends z.ZodMiniType> {
  metadata: EventMetadata;
  data: z.output<Data>;
}

/** The envelope a contract's events carry: `EnvelopeOf<typeof CycleOpened>`. */
export type EnvelopeOf<Contract> = Contract extends EventContract<string, infer Data> ? Envelope<Data> : never;

/** An event contract: the one module a producer and its consumers share. */
export interface EventContract<Name extends string, Data extends z.ZodMiniType> {
  readonly name: Name;
  readonly source: string;
  readonly version: number;
  readonly schema: z.ZodMiniType<Envelope<Data>>;
  /** Builds a validated event; a producer bug (data not matching its own contract) throws here, before writing. */
  create(data: z.input<Data>, context: EventContext): OutgoingEvent<Envelope<Data>>;
  /** Validates a received `detail` (consumers must not trust what arrives on the bus). */
  parse(detail: unknown): Envelope<Data>;
  /** The EventBridge pattern that selects this event. */
  readonly pattern: { readonly source: readonly string[]; readonly 'detail-type': readonly string[] };
}

/**
 * Declares an event contract: name (the EventBridge detail-type), source service, version and data schema. The data
 * schema is given as a function and built on the contract's first use (`create`, `parse`, `schema`), once: a
 * consumer of many events builds only the schemas of the events it receives, not all of them at every cold start
 * (building zod schemas was most of the notify function's import time).
 */
// Contract builders are marked free of side effects (esbuild's `@__NO_SIDE_EFFECTS__`): a function bundles only the
// contracts it uses, not every contract of the module it imports one from.
/* @__NO_SIDE_EFFECTS__ */
export function defineEvent<Name extends string, Data extends z.ZodMiniType>(spec: {
  name: Name;
  service: string;
  version: number;
  data: () => Data;
}): EventContract<Name, Data> {
  const source = `inovda.${spec.service}`;
  let built: z.ZodMiniType<Envelope<Data>> | undefined;
  // The generic object schema's inferred type is too deep for TypeScript to relate to Envelope; it is the same shape.
  const schema = () => {
    built ??= envelopeSchema(spec.data()) as unknown as z.ZodMiniType<Envelope<Data>>;
    return built;
  };
  return {
    name: spec.name,
    source,
    version: spec.version,
    get schema() {
      return schema();
    },
    pattern: { source: [source], 'detail-type': [spec.name] },
    create(data, context) {
      const detail = schema().parse({
        metadata: { ...context, eventType: spec.name, version: spec.version },
        data,
      });
      return { source, detailType: spec.name, detail };
    },
    parse(detail) {
      return schema().parse(detail);
    },
  };
}

/**
 * The EventBridge pattern selecting several events of one source (a subscription to a few of a service's events).
 * Contracts of different sources need a rule each: one pattern cannot pair each source with its own types.
 */
/* @__NO_SIDE_EFFECTS__ */
export function patternOf(
  ...contracts: readonly [EventContract<string, z.ZodMiniType>, ...EventContract<string, z.ZodMiniType>[]]
): { readonly source: readonly string[]; readonly 'detail-type': readonly string[] } {
  const [first] = contracts;
  if (contracts.some((contract) => contract.source !== first.source)) {
    throw new Error('patternOf: every contract must have the same source');
  }
  return { source: [first.source], 'detail-type': contracts.map((contract) => contract.name) };
}
