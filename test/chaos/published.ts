import type { EventBridgeEvent, LocalEventBus } from '@inovda/local';

/**
 * Watches the bus for every event the services publish (an in-process subscriber, matched after PutEvents accepted
 * the entry, so a failed or throttled entry is not seen). An event republished by the sweeper, or by a stream
 * batch retried after a partial failure, is seen again: `deliveries` counts those, `byEventId` keeps each once.
 */
export class PublishedEvents {
  readonly byEventId = new Map<string, { readonly type: string; readonly source: string; readonly id?: string }>();
  deliveries = 0;
  private readonly unsubscribe: () => void;

  constructor(bus: LocalEventBus) {
    this.unsubscribe = bus.subscribe('chaos-observer', { source: [{ prefix: 'inovda.' }] }, (event) =>
      this.record(event),
    );
  }

  private record(event: EventBridgeEvent): void {
    this.deliveries++;
    const metadata = event.detail.metadata as { eventId?: string } | undefined;
    const data = event.detail.data as { innovationId?: string } | undefined;
    if (!metadata?.eventId) return;
    this.byEventId.set(metadata.eventId, {
      type: event['detail-type'],
      source: event.source,
      ...(data?.innovationId ? { id: data.innovationId } : {}),
    });
  }

  /** Distinct events published, by detail-type. */
  byType(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const { type } of this.byEventId.values()) counts[type] = (counts[type] ?? 0) + 1;
    return counts;
  }

  stop(): void {
    this.unsubscribe();
  }
}
