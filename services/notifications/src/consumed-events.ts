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
  submissions: [InnovationRegistered, InnovationDrafted, InnovationProfileUpdated],
  scoring: [EvaluatorAssigned, InnovationScored, RankingPublished, IncentiveShortlisted],
  notifications: [WebhookEndpointDisabled],
} as const;
