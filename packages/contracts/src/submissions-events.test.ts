import { describe, expect, it } from 'vitest';
import { InnovationDrafted, InnovationRegistered, submissionsEvents } from './submissions-events';

const context = {
  eventId: '01JDEMO0000000000000000000',
  occurredAt: '2026-11-27T10:00:00.000Z',
  regionId: 'kota-solok',
  correlationId: 'req-1',
  actor: { sub: 's', username: 'opd.dinkes', role: 'opd' as const, opdId: 'dinkes' },
};

describe('submissions event contracts', () => {
  it('build events with source, detail-type, type and version filled in', () => {
    const event = InnovationRegistered.create(
      { innovationId: 'i1', opdId: 'dinkes', version: 2, name: 'A', cycleId: 'c1', registeredAt: context.occurredAt },
      context,
    );
    expect(event.source).toBe('inovda.submissions');
    expect(event.detailType).toBe('InnovationRegistered');
    expect(event.detail.metadata).toEqual({ ...context, eventType: 'InnovationRegistered', version: 1 });
    expect(InnovationRegistered.parse(JSON.parse(JSON.stringify(event.detail)))).toEqual(event.detail);
  });

  it('refuse to build an event that breaks its own contract (a producer bug fails before anything is written)', () => {
    expect(() =>
      InnovationDrafted.create(
        { innovationId: 'i1', opdId: 'Not A Slug', version: 1, name: 'A', profile: { name: 'A', opdId: 'dinkes' } },
        context,
      ),
    ).toThrow();
  });

  it('let consumers reject what does not match', () => {
    expect(() => InnovationRegistered.parse({ metadata: context, data: {} })).toThrow();
    expect(() => InnovationRegistered.parse('nope')).toThrow();
  });

  it('each select exactly their own events by pattern', () => {
    const names = submissionsEvents.map((contract) => contract.name);
    expect(new Set(names).size).toBe(names.length);
    for (const contract of submissionsEvents) {
      expect(contract.pattern).toEqual({ source: ['inovda.submissions'], 'detail-type': [contract.name] });
    }
  });
});
