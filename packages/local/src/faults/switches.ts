/**
 * Every fault the local runtime can inject, in one place: its settings type (in {@link FaultSettings}), and its
 * description and settings parser (in {@link FAULT_SWITCHES}). To add one: add both here, then read it where it
 * acts, with `faults.get('<name>')` (a value read per call) or `faults.watch('<name>', …)` (a state to change).
 */

import { validateEventPattern } from '../event-pattern';

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

/**
 * Consumer functions fail, as a function throwing (a throttled table, a bug, an outage of what it calls): their
 * queue's event source mapping gets a function error for every batch, or only for the records matching `pattern`,
 * which are then reported in `batchItemFailures` while the others reach the function. Records failed are retried
 * after the visibility timeout and, after `maxReceiveCount` receives, moved to the consumer's DLQ.
 */
export interface ConsumerFailsFault {
  /** Consumers that fail, as `<service>/<function>` (default: every consumer). */
  readonly functions?: readonly string[];
  /** An EventBridge pattern: only records whose event matches it fail (default: every record, the whole batch). */
  readonly pattern?: Readonly<Record<string, unknown>>;
}

/** The settings of each fault, by name. */
export interface FaultSettings {
  readonly 'put-events': PutEventsFault;
  readonly 'stream-poller-stopped': StreamPollerStoppedFault;
  readonly 'consumer-fails': ConsumerFailsFault;
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
  'consumer-fails': {
    description:
      'Consumer functions fail (a function error, or only the records matching a pattern), so their queue retries and finally dead-letters',
    parse(input) {
      const settings = record(input);
      const { functions, pattern } = settings;
      if (functions !== undefined && (!Array.isArray(functions) || !functions.every((id) => typeof id === 'string'))) {
        throw new InvalidFaultSettingsError('functions must be a list of <service>/<function> names');
      }
      if (pattern !== undefined) {
        if (typeof pattern !== 'object' || pattern === null || Array.isArray(pattern)) {
          throw new InvalidFaultSettingsError('pattern must be an EventBridge event pattern');
        }
        try {
          validateEventPattern(pattern as Record<string, unknown>);
        } catch (error) {
          throw new InvalidFaultSettingsError(`pattern is not a valid event pattern: ${(error as Error).message}`);
        }
      }
      return {
        ...(functions ? { functions: functions as string[] } : {}),
        ...(pattern ? { pattern: pattern as Record<string, unknown> } : {}),
      };
    },
  },
};

/** Whether `name` names a fault. */
export function isFaultName(name: string): name is FaultName {
  return Object.hasOwn(FAULT_SWITCHES, name);
}
