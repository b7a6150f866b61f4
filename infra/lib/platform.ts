import type { ServiceManifest } from '@inovda/manifest';
import { notificationsManifest } from '@inovda/notifications/manifest';
import { scoringManifest } from '@inovda/scoring/manifest';
import { submissionsManifest } from '@inovda/submissions/manifest';
import { workflowManifest } from '@inovda/workflow/manifest';

/** Every service of the platform. The region stack and the local runtime are both built from this list. */
export const services: readonly ServiceManifest[] = [
  submissionsManifest,
  workflowManifest,
  scoringManifest,
  notificationsManifest,
];
