import type { PutEventsFault } from '../faults/switches';
import type { LocalEventBus } from './bus';
import {
  type PutEventsEntryInput,
  type PutEventsResult,
  type PutEventsResultEntry,
  validatePutEventsRequest,
} from './put-events';

/** A whole call refused, as AWS refuses it under throttling (HTTP 400, the SDK's `ThrottlingException`). */
export class PutEventsThrottledError extends Error {
  override readonly name = 'ThrottlingException';
  constructor() {
    super('Rate exceeded');
  }
}

const ENTRY_MESSAGES: Readonly<Record<string, string>> = {
  ThrottlingException: 'Rate exceeded',
  InternalFailure: 'Internal service error',
};

/**
 * PutEvents with the `put-events` fault applied. `throttle-calls` refuses the call; `fail-entries` fails the chosen
 * entries the way AWS reports partial failures (positional result entries with an ErrorCode, `FailedEntryCount`),
 * and only the others go to the bus. A call AWS would refuse as invalid is refused first, as without the fault.
 */
export function putEventsWithFault(
  bus: Pick<LocalEventBus, 'putEvents'>,
  entries: readonly PutEventsEntryInput[],
  fault: PutEventsFault | undefined,
): PutEventsResult {
  if (!fault) return bus.putEvents(entries);
  validatePutEventsRequest(entries);
  if (fault.mode === 'throttle-calls') throw new PutEventsThrottledError();
  const every = fault.everyNth ?? 1;
  const errorCode = fault.errorCode ?? 'ThrottlingException';
  const failing = (index: number) => index % every === 0;
  const passed = entries.filter((_, index) => !failing(index));
  const accepted = passed.length > 0 ? bus.putEvents(passed).Entries : [];
  let next = 0;
  const results = entries.map(
    (_, index): PutEventsResultEntry =>
      failing(index)
        ? { ErrorCode: errorCode, ErrorMessage: ENTRY_MESSAGES[errorCode] ?? errorCode }
        : (accepted[next++] ?? { ErrorCode: 'InternalFailure', ErrorMessage: 'Internal service error' }),
  );
  return { FailedEntryCount: results.filter((result) => 'ErrorCode' in result).length, Entries: results };
}
