import type { Clock } from '@inovda/kernel';
import type { OpdContact } from '../domain/recipients';
import type { DigestStore } from '../store/digest-store';
import type { NotificationStore } from '../store/notification-store';
import type { WebhookStore } from '../store/webhook-store';

/** What the use cases depend on; functions build it once per cold start (deps.ts), tests build their own. */
export interface Deps extends Clock {
  readonly store: NotificationStore;
  readonly regionId: string;
}

/**
 * What telling people needs besides: the region's OPDs (official addresses), the web app's origin for links, and
 * the OPDs' webhook endpoints.
 */
export interface NotifyDeps extends Deps {
  readonly opds: readonly OpdContact[];
  readonly appOrigin: string;
  readonly webhooks: WebhookStore;
  readonly digests: DigestStore;
}
