import { describe, expect, it, vi } from 'vitest';
import * as z from 'zod/mini';
import { defineEvent } from './define-event';

const context = {
  eventId: 'evt-1',
  occurredAt: '2026-12-02T00:00:00.000Z',
  regionId: 'kota-solok',
  correlationId: 'corr-1',
  actor: { sub: 'sub-1', username: 'opd.dinkes', role: 'opd' as const, opdId: 'dinkes' },
};

describe('defineEvent', () => {
  it('builds the data schema on first use, once, and validates with it', () => {
    const data = vi.fn(() => z.strictObject({ thingId: z.string() }));
    const ThingHappened = defineEvent({ name: 'ThingHappened', service: 'test', version: 1, data });
    expect(data).not.toHaveBeenCalled();
    expect(ThingHappened.pattern).toEqual({ source: ['inovda.test'], 'detail-type': ['ThingHappened'] });
    expect(data).not.toHaveBeenCalled();

    const event = ThingHappened.create({ thingId: 't-1' }, context);
    expect(event.detail.data).toEqual({ thingId: 't-1' });
    expect(ThingHappened.parse(event.detail).metadata.eventType).toBe('ThingHappened');
    expect(() => ThingHappened.parse({ ...event.detail, data: { thingId: 1 } })).toThrow();
    expect(ThingHappened.schema.safeParse(event.detail).success).toBe(true);
    expect(data).toHaveBeenCalledTimes(1);
  });
});
