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
import { eventConsumer } from '@inovda/lambda-kit';
import { notifyDepsFromEnv } from '../deps';
import { isRouted } from '../domain/routing';
import { keepNames } from '../use-cases/names';
import { notify } from '../use-cases/notify';

const deps = notifyDepsFromEnv();

/** The events told about (the routing table's), and those that only carry names. The manifest subscribes to these. */
export const CONSUMED = [
  CycleOpened,
  InnovationRegistered,
  RegistrationRefused,
  StageAdvanceRequested,
  StageAdvanced,
  StageReturned,
  TrackHeld,
  TrackResumed,
  InnovationLaunched,
  StageOverdue,
  MonevDue,
  EvaluatorAssigned,
  InnovationScored,
  RankingPublished,
  IncentiveShortlisted,
  WebhookEndpointDisabled,
  InnovationDrafted,
  InnovationProfileUpdated,
] as const;

/** Tells people what happened (routing.ts), and keeps the names the texts show. */
export const handler = eventConsumer(CONSUMED, async (event) => {
  if (
    event.detailType === 'CycleOpened' ||
    event.detailType === 'InnovationRegistered' ||
    event.detailType === 'InnovationDrafted' ||
    event.detailType === 'InnovationProfileUpdated'
  ) {
    await keepNames(deps, { type: event.detailType, envelope: event.envelope } as Parameters<typeof keepNames>[1]);
  }
  if (!isRouted(event.detailType)) return 'applied';
  const { metadata, data } = event.envelope;
  await notify(deps, {
    type: event.detailType,
    eventId: metadata.eventId,
    correlationId: metadata.correlationId,
    occurredAt: metadata.occurredAt,
    data: data as Record<string, unknown>,
  });
  return 'applied';
});
