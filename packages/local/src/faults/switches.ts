/**
 * Every fault the local runtime can inject, in one place: its settings type (in {@link FaultSettings}), and its
 * description and settings parser (in {@link FAULT_SWITCHES}). To add one: add both here, then read it where it
 * acts, with `faults.get('<name>')` (a value read per call) or `faults.watch('<name>', …)` (a state to change).
 */

/** PutEvents on the local EventBridge fails, as AWS fails it. */
export interface PutEventsFault {
  /**
   * `throttle-calls`: every call is refused (HTTP 400 `ThrottlingException`; the SDK retries it, then throws).
   * `fail-entries`: the call succeeds but entries fail, each with `errorCode`, and `FailedEntryCount` counts them;
   * failed entries reach no rule.
   */
  readonly mode: 'throttle-calls' | 'fail-entries';
  /** `fail-entries`: the code each failed entry reports (default `ThrottlingException`). */
  readonly errorCode?: 'ThrottlingException' | 'InternalFailure';
  /** `fail-entries`: every n-th entry of a call fails, counting from the first (default 1: all of them). */
  readonly everyNth?: number;
}

/** Stream pollers (event source mappings) stopped; switching the fault off starts them again from their checkpoint. */
export interface StreamPollerStoppedFault {
  /** Services whose poller stops (default: every service). */
  readonly services?: readonly string[];
}

/** The settings of each fault, by name. */
export interface FaultSettings {
  readonly 'put-events': PutEventsFault;
  readonly 'stream-poller-stopped': StreamPollerStoppedFault;
}

export type FaultName = keyof FaultSettings;

/** Settings that do not describe the fault (answered 400 by `PUT /local/faults/<name>`). */
export class InvalidFaultSettingsError extends Error {}

function record(input: unknown): Record<string, unknown> {
  if (input === undefined || input === null) return {};
  if (typeof input !== 'object' || Array.isArray(input))
    throw new InvalidFaultSettingsError('settings must be an object');
  return input as Record<string, unknown>;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new InvalidFaultSettingsError(`${field} must be one of ${allowed.join(', ')}`);
}

/** How each fault is described and its settings read from JSON (the local-only route). */
export const FAULT_SWITCHES: {
  readonly [N in FaultName]: { readonly description: string; parse(input: unknown): FaultSettings[N] };
} = {
  'put-events': {
    description: 'PutEvents on the local EventBridge is throttled (whole calls) or fails entries, as AWS reports them',
    parse(input) {
      const settings = record(input);
      const mode = oneOf(settings.mode, ['throttle-calls', 'fail-entries'] as const, 'mode');
      const errorCode =
        settings.errorCode === undefined
          ? undefined
          : oneOf(settings.errorCode, ['ThrottlingException', 'InternalFailure'] as const, 'errorCode');
      const everyNth = settings.everyNth;
      if (everyNth !== undefined && (typeof everyNth !== 'number' || !Number.isInteger(everyNth) || everyNth < 1)) {
        throw new InvalidFaultSettingsError('everyNth must be a positive integer');
      }
      return { mode, ...(errorCode ? { errorCode } : {}), ...(everyNth ? { everyNth } : {}) };
    },
  },
  'stream-poller-stopped': {
    description:
      'Stream pollers are stopped (mid-batch too, as a crashed poller); off starts them from their checkpoint',
    parse(input) {
      const settings = record(input);
      const services = settings.services;
      if (services === undefined) return {};
      if (!Array.isArray(services) || !services.every((service) => typeof service === 'string')) {
        throw new InvalidFaultSettingsError('services must be a list of service names');
      }
      return { services };
    },
  },
};

/** Whether `name` names a fault. */
export function isFaultName(name: string): name is FaultName {
  return Object.hasOwn(FAULT_SWITCHES, name);
}
