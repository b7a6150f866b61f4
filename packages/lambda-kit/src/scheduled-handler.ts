import type { Context, ScheduledEvent } from 'aws-lambda';
import { logger } from './logger';

/** What a scheduled run receives: the tick's id (also the correlation id of whatever the run causes) and time. */
export interface ScheduledRun {
  readonly id: string;
  readonly time: string;
  readonly correlationId: string;
}

/**
 * Wraps a function a schedule invokes: the tick's id is the correlation id of the run (in its logs and in every
 * event it causes), the run's summary is logged, and a failure is thrown so the schedule's retries and dead letters
 * apply.
 */
export function scheduledHandler(name: string, run: (tick: ScheduledRun) => Promise<Record<string, unknown>>) {
  return async (event: ScheduledEvent, context: Context): Promise<void> => {
    logger.startInvocation(context);
    logger.appendKeys({ correlationId: event.id, schedule: name });
    try {
      const summary = await run({ id: event.id, time: event.time, correlationId: event.id });
      logger.info('scheduled run done', { ...summary });
    } catch (error) {
      logger.error('scheduled run failed', { error });
      throw error;
    }
  };
}
