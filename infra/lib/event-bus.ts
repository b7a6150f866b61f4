import { EVENT_ARCHIVE, eventArchiveNameFor, eventArchivePattern } from '@inovda/manifest';
import { Duration, Stack } from 'aws-cdk-lib';
import { type Archive, EventBus } from 'aws-cdk-lib/aws-events';
import { Construct } from 'constructs';
import type { RegionConfig } from '../regions';

/** How long archived events stay replayable (shared with the local bus: `EVENT_ARCHIVE`). */
export const ARCHIVE_RETENTION_DAYS = EVENT_ARCHIVE.retentionDays;

/** The name of a region's bus; handlers get it through `EVENT_BUS_NAME`. */
export function eventBusNameOf(config: RegionConfig): string {
  return `inovda-${config.id}`;
}

/** Props of a {@link RegionEventBus}. */
export interface RegionEventBusProps {
  readonly config: RegionConfig;
}

/** The region's EventBridge bus, with an archive of every event on it so read models can be rebuilt by replay. */
export class RegionEventBus extends Construct {
  readonly bus: EventBus;
  readonly archive: Archive;

  constructor(scope: Construct, id: string, { config }: RegionEventBusProps) {
    super(scope, id);
    this.bus = new EventBus(this, 'Bus', {
      eventBusName: eventBusNameOf(config),
      description: `inovda domain events of ${config.displayName}`,
    });
    this.archive = this.bus.archive('Archive', {
      // Named, not generated: the local bus answers DescribeArchive and StartReplay under the same name.
      archiveName: eventArchiveNameFor(config.id),
      description: `Every event on ${eventBusNameOf(config)}, for replay`,
      eventPattern: { account: [...eventArchivePattern(Stack.of(this).account).account] },
      retention: Duration.days(ARCHIVE_RETENTION_DAYS),
    });
  }
}
