import type { ArchiveDescription } from './event-archive';
import { EventBridgeError } from './eventbridge-error';
import type { Replays, StartReplayRequest } from './replays';

/** The operations this module answers, by `X-Amz-Target`. */
export const ARCHIVE_REPLAY_TARGETS = [
  'AWSEvents.DescribeArchive',
  'AWSEvents.ListArchives',
  'AWSEvents.StartReplay',
  'AWSEvents.DescribeReplay',
  'AWSEvents.ListReplays',
  'AWSEvents.CancelReplay',
] as const;

type ArchiveReplayTarget = (typeof ARCHIVE_REPLAY_TARGETS)[number];

/** Whether `target` is one of the archive and replay operations. */
export function isArchiveReplayTarget(target: string): target is ArchiveReplayTarget {
  return (ARCHIVE_REPLAY_TARGETS as readonly string[]).includes(target);
}

/** AWS's wording for a missing required member, as its request validation writes it. */
function missing(member: string): EventBridgeError {
  return new EventBridgeError(
    'ValidationException',
    `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`,
  );
}

function requiredString(input: Record<string, unknown>, field: string): string {
  const value = input[field];
  if (typeof value !== 'string' || value === '') throw missing(field[0]?.toLowerCase() + field.slice(1));
  return value;
}

function optionalString(input: Record<string, unknown>, field: string): string | undefined {
  const value = input[field];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A JSON-protocol timestamp: epoch seconds (what the SDK sends), or ISO text from a hand-written call. */
function requiredTime(input: Record<string, unknown>, field: string): Date {
  const value = input[field];
  if (value === undefined || value === null) throw missing(field[0]?.toLowerCase() + field.slice(1));
  const date = typeof value === 'number' ? new Date(value * 1000) : new Date(String(value));
  if (Number.isNaN(date.getTime())) throw new EventBridgeError('ValidationException', `${field} is not a timestamp.`);
  return date;
}

function startReplayRequest(input: Record<string, unknown>): StartReplayRequest {
  const destination = input.Destination;
  if (typeof destination !== 'object' || destination === null) throw missing('destination');
  const { Arn: arn, FilterArns: filterArns } = destination as Record<string, unknown>;
  if (typeof arn !== 'string' || arn === '') throw missing('destination.arn');
  if (
    filterArns !== undefined &&
    (!Array.isArray(filterArns) || !filterArns.every((each) => typeof each === 'string'))
  ) {
    throw new EventBridgeError('ValidationException', 'Destination.FilterArns must be a list of rule ARNs.');
  }
  const description = optionalString(input, 'Description');
  return {
    ReplayName: requiredString(input, 'ReplayName'),
    ...(description ? { Description: description } : {}),
    EventSourceArn: requiredString(input, 'EventSourceArn'),
    EventStartTime: requiredTime(input, 'EventStartTime'),
    EventEndTime: requiredTime(input, 'EventEndTime'),
    Destination: { Arn: arn, ...(filterArns ? { FilterArns: filterArns as string[] } : {}) },
  };
}

/** `ListReplays`/`ListArchives` paging: `Limit` (1–100) per page, `NextToken` the offset of the next one. */
function page<T>(items: readonly T[], input: Record<string, unknown>): { items: readonly T[]; NextToken?: string } {
  const limit = typeof input.Limit === 'number' ? Math.min(Math.max(1, input.Limit), 100) : 100;
  const offset = typeof input.NextToken === 'string' ? Number.parseInt(input.NextToken, 10) || 0 : 0;
  const next = offset + limit;
  return { items: items.slice(offset, next), ...(next < items.length ? { NextToken: String(next) } : {}) };
}

function archiveSummary(archive: ArchiveDescription) {
  return {
    ArchiveName: archive.ArchiveName,
    EventSourceArn: archive.EventSourceArn,
    State: archive.State,
    RetentionDays: archive.RetentionDays,
    SizeBytes: archive.SizeBytes,
    EventCount: archive.EventCount,
    CreationTime: archive.CreationTime,
  };
}

/**
 * Answers the archive and replay operations of the EventBridge JSON API from `replays`. Results hold Dates; the
 * endpoint writes them as epoch seconds (see {@link toAwsJson}). Refusals throw {@link EventBridgeError}.
 */
export function archiveReplayOperation(
  replays: Replays,
  target: ArchiveReplayTarget,
  input: Record<string, unknown>,
): unknown {
  switch (target) {
    case 'AWSEvents.DescribeArchive':
      return replays.archive(requiredString(input, 'ArchiveName')).describe();
    case 'AWSEvents.ListArchives': {
      const prefix = optionalString(input, 'NamePrefix');
      const source = optionalString(input, 'EventSourceArn');
      const state = optionalString(input, 'State');
      const archives = replays
        .archives()
        .map((archive) => archive.describe())
        .filter((archive) => !prefix || archive.ArchiveName.startsWith(prefix))
        .filter((archive) => !source || archive.EventSourceArn === source)
        .filter((archive) => !state || archive.State === state)
        .map(archiveSummary);
      const { items, NextToken } = page(archives, input);
      return { Archives: items, ...(NextToken ? { NextToken } : {}) };
    }
    case 'AWSEvents.StartReplay':
      return replays.start(startReplayRequest(input));
    case 'AWSEvents.DescribeReplay':
      return replays.describe(requiredString(input, 'ReplayName'));
    case 'AWSEvents.ListReplays': {
      const namePrefix = optionalString(input, 'NamePrefix');
      const state = optionalString(input, 'State');
      const eventSourceArn = optionalString(input, 'EventSourceArn');
      const { items, NextToken } = page(
        replays.list({
          ...(namePrefix ? { namePrefix } : {}),
          ...(state ? { state } : {}),
          ...(eventSourceArn ? { eventSourceArn } : {}),
        }),
        input,
      );
      return { Replays: items, ...(NextToken ? { NextToken } : {}) };
    }
    case 'AWSEvents.CancelReplay':
      return replays.cancel(requiredString(input, 'ReplayName'));
  }
}

/** The JSON protocol writes timestamps as epoch seconds; the SDK reads them back into Dates. */
export function toAwsJson(value: unknown): unknown {
  if (value instanceof Date) return value.getTime() / 1000;
  if (Array.isArray(value)) return value.map(toAwsJson);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, each]) => [key, toAwsJson(each)]));
  }
  return value;
}
