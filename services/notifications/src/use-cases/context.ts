import type { Clock } from '@inovda/kernel';
import type { OpdContact } from '../domain/recipients';
import type { NotificationStore } from '../store/notification-store';

/** What the use cases depend on; functions build it once per cold start (deps.ts), tests build their own. */
export interface Deps extends Clock {
  readonly store: NotificationStore;
  readonly regionId: string;
}

/** What telling people needs besides: the region's OPDs (official addresses) and the web app's origin for links. */
export interface NotifyDeps extends Deps {
  readonly opds: readonly OpdContact[];
  readonly appOrigin: string;
}
