import { logger } from '@inovda/lambda-kit';
import type { ScheduledEvent } from 'aws-lambda';
import { depsFromEnv } from '../http/deps';
import { checkDeadlines } from '../use-cases/deadlines';

const deps = depsFromEnv();

/** The daily deadline schedule: StageOverdue and MonevDue, each announced once. */
export async function handler(event: ScheduledEvent): Promise<void> {
  const run = await checkDeadlines(deps, event.id);
  logger.info('deadlines checked', { ...run });
}
