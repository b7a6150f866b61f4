import { defineEvent } from '@inovda/contracts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod/mini';
import { eventConsumer } from './event-consumer';
import { logger } from './logger';
import { bridgeEvent, lambdaContext, sqsBatch } from './testing';

const ThingHappened = defineEvent({
  name: 'ThingHappened',
  service: 'fixture',
  version: 1,
  data: () => z.strictObject({ thingId: z.string() }),
});

const metadata = (eventId: string) => ({
  eventId,
  eventType: 'ThingHappened',
  version: 1,
  occurredAt: new Date().toISOString(),
  regionId: 'kota-uji',
  correlationId: `corr-${eventId}`,
  actor: { sub: 's', username: 'u', role: 'system' as const },
});

const thing = (thingId: string) =>
  bridgeEvent({
    source: ThingHappened.source,
    detailType: ThingHappened.name,
    detail: { metadata: metadata(`evt-${thingId}`), data: { thingId } },
  });

/** A consumer recording what it applied, throwing for the thing ids in `poison`. */
function recordingConsumer(poison: ReadonlySet<string> = new Set()) {
  const applied: string[] = [];
  const handler = eventConsumer([ThingHappened] as const, async (event) => {
    if (poison.has(event.envelope.data.thingId)) throw new Error(`cannot apply ${event.envelope.data.thingId}`);
    applied.push(event.envelope.data.thingId);
    return 'applied';
  });
  return { applied, handler };
}

describe('eventConsumer over an SQS batch', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    logger.setLogLevel('SILENT');
  });

  it('applies every record, in batch order, and reports no failure', async () => {
    const { applied, handler } = recordingConsumer();
    const response = await handler(sqsBatch([thing('a'), thing('b'), thing('c')]), lambdaContext('consumer'));
    expect(response).toEqual({ batchItemFailures: [] });
    expect(applied).toEqual(['a', 'b', 'c']);
  });

  it('reports only the record the consumer threw on, and still applies the ones after it', async () => {
    const { applied, handler } = recordingConsumer(new Set(['b']));
    const batch = sqsBatch([thing('a'), thing('b'), thing('c')]);
    const response = await handler(batch, lambdaContext('consumer'));
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: batch.Records[1]?.messageId }] });
    expect(applied).toEqual(['a', 'c']);
  });

  it('fails the record of an event no contract names, or of another source, and logs why', async () => {
    logger.setLogLevel('ERROR');
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { applied, handler } = recordingConsumer();
    const batch = sqsBatch([
      bridgeEvent({ source: 'inovda.fixture', detailType: 'OtherThing', detail: {} }),
      bridgeEvent({ source: 'inovda.elsewhere', detailType: 'ThingHappened', detail: thing('x').detail }),
      thing('ok'),
    ]);
    const response = await handler(batch, lambdaContext('consumer'));
    expect(response.batchItemFailures.map((failure) => failure.itemIdentifier)).toEqual([
      batch.Records[0]?.messageId,
      batch.Records[1]?.messageId,
    ]);
    expect(applied).toEqual(['ok']);
    const logged = errors.mock.calls.map(([line]) => JSON.parse(String(line)) as Record<string, unknown>);
    expect(logged).toEqual([
      expect.objectContaining({ message: 'event refused', messageId: batch.Records[0]?.messageId }),
      expect.objectContaining({ message: 'event refused', messageId: batch.Records[1]?.messageId }),
    ]);
    expect(JSON.stringify(logged[0])).toMatch(/no contract for inovda\.fixture OtherThing/);
    expect(JSON.stringify(logged[1])).toMatch(/no contract for inovda\.elsewhere ThingHappened/);
  });

  it('fails the record of an event that breaks its contract, or a body that is no event, and applies nothing of it', async () => {
    const { applied, handler } = recordingConsumer();
    const broken = bridgeEvent({
      source: ThingHappened.source,
      detailType: ThingHappened.name,
      detail: { metadata: metadata('evt-broken'), data: { thingId: 42 } },
    });
    const batch = sqsBatch([broken, 'not json', thing('fine')]);
    const response = await handler(batch, lambdaContext('consumer'));
    expect(response.batchItemFailures).toHaveLength(2);
    expect(response.batchItemFailures.map((failure) => failure.itemIdentifier)).toEqual(
      batch.Records.slice(0, 2).map((record) => record.messageId),
    );
    expect(applied).toEqual(['fine']);
  });

  it("tags each record's log lines with its own correlation and event ids", async () => {
    logger.setLogLevel('INFO');
    const lines = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const { handler } = recordingConsumer();
    await handler(sqsBatch([thing('a'), thing('b')]), lambdaContext('consumer'));
    const consumed = lines.mock.calls.map(([line]) => JSON.parse(String(line)) as Record<string, unknown>);
    expect(consumed).toEqual([
      expect.objectContaining({ message: 'event consumed', eventId: 'evt-a', correlationId: 'corr-evt-a' }),
      expect.objectContaining({ message: 'event consumed', eventId: 'evt-b', correlationId: 'corr-evt-b' }),
    ]);
  });
});
