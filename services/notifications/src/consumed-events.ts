import {
  CycleOpened,
  EvaluatorAssigned,
  IncentiveShortlisted,
  InnovationDrafted,
  InnovationLaunched,
  InnovationProfileUpdated,
  InnovationRegistered,
  InnovationScored,
  MonevDue,
  RankingPublished,
  RegistrationRefused,
  StageAdvanced,
  StageAdvanceRequested,
  StageOverdue,
  StageReturned,
  TrackHeld,
  TrackResumed,
  WebhookEndpointDisabled,
} from '@inovda/contracts';

/**
 * The events the notify consumer takes (the routing table's, and those that only carry names), by the service
 * publishing them: the manifest subscribes once per source (an EventBridge pattern names one), the handler
 * validates every one of them. One list, so the two cannot drift.
 */
export const NOTIFY_CONSUMES = {
  workflow: [
    CycleOpened,
    RegistrationRefused,
    StageAdvanceRequested,
    StageAdvanced,
    StageReturned,
    TrackHeld,
    TrackResumed,
    InnovationLaunched,
    StageOverdue,
    MonevDue,
  ],
  submissions: [InnovationRegistered],
  scoring: [EvaluatorAssigned, InnovationScored, RankingPublished, IncentiveShortlisted],
  notifications: [WebhookEndpointDisabled],
} as const;

/**
 * The events the keep-names consumer takes: they carry an innovation's whole profile, of which notifications keep
 * the name alone. A function of their own, so the notify function neither validates nor bundles the profile schema.
 */
export const KEEP_NAMES_CONSUMES = [InnovationDrafted, InnovationProfileUpdated] as const;
