import { LOCAL_ACCOUNT_ID } from '../local-region';

/** An event as EventBridge delivers it to a target. */
export interface EventBridgeEvent {
  readonly version: '0';
  readonly id: string;
  readonly 'detail-type': string;
  readonly source: string;
  readonly account: string;
  readonly time: string;
  readonly region: string;
  readonly resources: readonly string[];
  readonly detail: Readonly<Record<string, unknown>>;
  /** Only on an event a replay delivers: the replay's name (EventBridge adds it; Powertools' schema allows it). */
  readonly 'replay-name'?: string;
}

/** A PutEvents entry as it arrives: untrusted JSON (or an SDK-shaped object in-process). */
export interface PutEventsEntryInput {
  readonly Source?: unknown;
  readonly DetailType?: unknown;
  readonly Detail?: unknown;
  readonly Resources?: unknown;
  readonly EventBusName?: unknown;
  readonly Time?: unknown;
  readonly TraceHeader?: unknown;
}

/** One result entry of PutEvents: an event id, or an error code and message. */
export type PutEventsResultEntry =
  | { readonly EventId: string }
  | { readonly ErrorCode: string; readonly ErrorMessage: string };

/** The PutEvents response. */
export interface PutEventsResult {
  readonly FailedEntryCount: number;
  readonly Entries: readonly PutEventsResultEntry[];
}

/** An entry that passed validation. */
export interface ValidEntry {
  readonly source: string;
  readonly detailType: string;
  readonly detail: Readonly<Record<string, unknown>>;
  readonly resources: readonly string[];
  readonly time: Date | undefined;
  readonly eventBusName: string | undefined;
}

/** PutEvents takes at most 10 entries a call. */
export const MAX_ENTRIES = 10;
/** The entries of one call may total at most 256 KB, sized as EventBridge sizes them. */
export const MAX_REQUEST_BYTES = 256 * 1024;

/** A request-level failure; the whole call fails (HTTP 400 `ValidationException`), as in AWS. */
export class PutEventsValidationError extends Error {
  override readonly name = 'ValidationException';
}

/**
 * The size EventBridge counts for an entry ("Calculating PutEvents event entry size"): 14 bytes for a Time, the
 * UTF-8 bytes of Source, DetailType, Detail and each resource.
 */
export function entrySize(entry: PutEventsEntryInput): number {
  let size = entry.Time !== undefined && entry.Time !== null ? 14 : 0;
  for (const field of [entry.Source, entry.DetailType, entry.Detail]) {
    if (typeof field === 'string') size += Buffer.byteLength(field, 'utf8');
  }
  if (Array.isArray(entry.Resources)) {
    for (const resource of entry.Resources) {
      if (typeof resource === 'string') size += Buffer.byteLength(resource, 'utf8');
    }
  }
  return size;
}

/** Checks what fails a whole PutEvents call: the number of entries and their total size. */
export function validatePutEventsRequest(entries: unknown): asserts entries is PutEventsEntryInput[] {
  if (!Array.isArray(entries) || entries.length === 0) {
    throw new PutEventsValidationError(
      "1 validation error detected: Value null at 'entries' failed to satisfy constraint: Member must not be null",
    );
  }
  if (entries.length > MAX_ENTRIES) {
    throw new PutEventsValidationError(
      `1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length less than or equal to ${MAX_ENTRIES}`,
    );
  }
  const total = entries.reduce<number>(
    (sum, entry: unknown) =>
      sum + (typeof entry === 'object' && entry !== null ? entrySize(entry as PutEventsEntryInput) : 0),
    0,
  );
  if (total > MAX_REQUEST_BYTES) {
    throw new PutEventsValidationError('Total size of the entries in the request is over the limit.');
  }
}

function invalidArgument(field: string, reason: string): PutEventsResultEntry {
  return { ErrorCode: 'InvalidArgument', ErrorMessage: `Parameter ${field} is not valid. Reason: ${reason}` };
}

function parseTime(value: unknown): Date | undefined | 'invalid' {
  if (value === undefined || value === null) return undefined;
  // The JSON protocol sends timestamps as epoch seconds; in-process callers may pass a Date or ISO text.
  const date =
    value instanceof Date ? value : typeof value === 'number' ? new Date(value * 1000) : new Date(String(value));
  return Number.isNaN(date.getTime()) ? 'invalid' : date;
}

/**
 * Validates one entry as EventBridge does, answering the per-entry error it would report (the call itself still
 * succeeds, with `FailedEntryCount` counting these). Messages are EventBridge's.
 */
export function validateEntry(entry: PutEventsEntryInput): ValidEntry | PutEventsResultEntry {
  if (typeof entry.Source !== 'string' || entry.Source === '') {
    return invalidArgument('Source', 'Source is a required argument.');
  }
  if (typeof entry.DetailType !== 'string' || entry.DetailType === '') {
    return invalidArgument('DetailType', 'DetailType is a required argument.');
  }
  if (typeof entry.Detail !== 'string' || entry.Detail === '') {
    return invalidArgument('Detail', 'Detail is a required argument.');
  }
  let detail: unknown;
  try {
    detail = JSON.parse(entry.Detail);
  } catch {
    detail = undefined;
  }
  // Detail must be a JSON object: a valid array, string or number is refused too.
  if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) {
    return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
  }
  const resources = entry.Resources ?? [];
  if (!Array.isArray(resources) || !resources.every((resource) => typeof resource === 'string')) {
    return invalidArgument('Resources', 'Resources must be a list of strings.');
  }
  const time = parseTime(entry.Time);
  if (time === 'invalid') return invalidArgument('Time', 'Time is not a valid timestamp.');
  if (entry.EventBusName !== undefined && entry.EventBusName !== null && typeof entry.EventBusName !== 'string') {
    return invalidArgument('EventBusName', 'EventBusName must be a string.');
  }
  return {
    source: entry.Source,
    detailType: entry.DetailType,
    detail: detail as Record<string, unknown>,
    resources,
    time,
    eventBusName: typeof entry.EventBusName === 'string' && entry.EventBusName !== '' ? entry.EventBusName : undefined,
  };
}

/** Whether a validation outcome is an error entry. */
export function isResultError(value: ValidEntry | PutEventsResultEntry): value is PutEventsResultEntry {
  return 'ErrorCode' in value;
}

/** EventBridge writes event times to the second, in UTC (`2024-05-01T10:00:00Z`). */
export function eventTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The event EventBridge builds from an accepted entry. */
export function toEventBridgeEvent(entry: ValidEntry, id: string, awsRegion: string, now: Date): EventBridgeEvent {
  return {
    version: '0',
    id,
    'detail-type': entry.detailType,
    source: entry.source,
    account: LOCAL_ACCOUNT_ID,
    time: eventTime(entry.time ?? now),
    region: awsRegion,
    resources: entry.resources,
    detail: entry.detail,
  };
}
