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

/** The DynamoDB error codes AWS answers a throttled request with (HTTP 400; the SDK retries each, then throws). */
export const DYNAMODB_THROTTLING_CODES = [
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
] as const;

/**
 * DynamoDB throttles the functions' requests, as a hot partition or an exceeded table limit does: matching calls are
 * refused with HTTP 400 and a throttling code, before reaching the table (nothing is written). Acts on what the
 * functions' SDK clients send; the runtime's own calls (tables, stream pollers, health) are never throttled.
 */
export interface DynamoDbThrottledFault {
  /** Services whose table is throttled (default: every service). */
  readonly services?: readonly string[];
  /** Operations throttled, as the `X-Amz-Target` names them (`PutItem`, `TransactWriteItems`…; default: all). */
  readonly operations?: readonly string[];
  /** Every n-th matching call is throttled, counting from the first (default 1: all of them). */
  readonly everyNth?: number;
  /**
   * How many attempts of a throttled call are refused (the SDK retries a call with the same `amz-sdk-invocation-id`
   * and counts attempts in `amz-sdk-request`). Default: every attempt, so the SDK gives up and the handler sees the
   * error; 1 or 2: the SDK's own retries (3 attempts by default) absorb the throttling.
   */
  readonly attempts?: number;
  /** The error code (default `ProvisionedThroughputExceededException`). */
  readonly errorCode?: (typeof DYNAMODB_THROTTLING_CODES)[number];
}

/**
 * Execution environments are killed in the middle of invocations, as a crashed host, an out-of-memory kill or a
 * runtime crash ends a Lambda sandbox: the process gets SIGKILL at a random moment within `withinMs` of the
 * invocation's start, so what the handler had already written stays written and the rest never happens. The
 * invocation fails with `Runtime.ExitError` (a 500 through the API, a retry for queues and streams) and the next
 * one starts a fresh environment.
 */
export interface EnvironmentKilledFault {
  /** Functions whose environments are killed, as `<service>/<function>` (default: every function). */
  readonly functions?: readonly string[];
  /** The kill comes at a uniformly random moment within this many ms of the start (default 50). */
  readonly withinMs?: number;
  /** Every n-th invocation of a matching function is killed, counting from the first (default 1: all of them). */
  readonly everyNth?: number;
}

/** SES throttles the functions' e-mail: every SES v2 call is refused with 429 `TooManyRequestsException`. */
export type SesThrottledFault = Readonly<Record<string, never>>;

/** The settings of each fault, by name. */
export interface FaultSettings {
  readonly 'put-events': PutEventsFault;
  readonly 'stream-poller-stopped': StreamPollerStoppedFault;
  readonly 'consumer-fails': ConsumerFailsFault;
  readonly 'dynamodb-throttled': DynamoDbThrottledFault;
  readonly 'environment-killed': EnvironmentKilledFault;
  readonly 'ses-throttled': SesThrottledFault;
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

function names(value: unknown, field: string, what: string): readonly string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((each) => typeof each === 'string')) {
    throw new InvalidFaultSettingsError(`${field} must be a list of ${what}`);
  }
  return value as string[];
}

function positiveInteger(value: unknown, field: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new InvalidFaultSettingsError(`${field} must be a positive integer`);
  }
  return value;
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
      const everyNth = positiveInteger(settings.everyNth, 'everyNth');
      return { mode, ...(errorCode ? { errorCode } : {}), ...(everyNth ? { everyNth } : {}) };
    },
  },
  'stream-poller-stopped': {
    description:
      'Stream pollers are stopped (mid-batch too, as a crashed poller); off starts them from their checkpoint',
    parse(input) {
      const services = names(record(input).services, 'services', 'service names');
      return services ? { services } : {};
    },
  },
  'consumer-fails': {
    description:
      'Consumer functions fail (a function error, or only the records matching a pattern), so their queue retries and finally dead-letters',
    parse(input) {
      const settings = record(input);
      const functions = names(settings.functions, 'functions', '<service>/<function> names');
      const { pattern } = settings;
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
        ...(functions ? { functions } : {}),
        ...(pattern ? { pattern: pattern as Record<string, unknown> } : {}),
      };
    },
  },
  'dynamodb-throttled': {
    description:
      "DynamoDB throttles the functions' requests (a service's table, some operations, every n-th call), before they reach the table",
    parse(input) {
      const settings = record(input);
      const services = names(settings.services, 'services', 'service names');
      const operations = names(settings.operations, 'operations', 'DynamoDB operation names');
      const everyNth = positiveInteger(settings.everyNth, 'everyNth');
      const attempts = positiveInteger(settings.attempts, 'attempts');
      const errorCode =
        settings.errorCode === undefined
          ? undefined
          : oneOf(settings.errorCode, DYNAMODB_THROTTLING_CODES, 'errorCode');
      return {
        ...(services ? { services } : {}),
        ...(operations ? { operations } : {}),
        ...(everyNth ? { everyNth } : {}),
        ...(attempts ? { attempts } : {}),
        ...(errorCode ? { errorCode } : {}),
      };
    },
  },
  'ses-throttled': {
    description: "SES throttles the functions' e-mail (429 TooManyRequestsException on every call), nothing is sent",
    parse(input) {
      const settings = record(input);
      if (Object.keys(settings).length > 0) throw new InvalidFaultSettingsError('ses-throttled takes no settings');
      return {};
    },
  },
  'environment-killed': {
    description:
      'Execution environments are killed (SIGKILL) at a random moment in the middle of invocations, as a crashed sandbox',
    parse(input) {
      const settings = record(input);
      const functions = names(settings.functions, 'functions', '<service>/<function> names');
      const withinMs = positiveInteger(settings.withinMs, 'withinMs');
      const everyNth = positiveInteger(settings.everyNth, 'everyNth');
      return {
        ...(functions ? { functions } : {}),
        ...(withinMs ? { withinMs } : {}),
        ...(everyNth ? { everyNth } : {}),
      };
    },
  },
};

/** Whether `name` names a fault. */
export function isFaultName(name: string): name is FaultName {
  return Object.hasOwn(FAULT_SWITCHES, name);
}
