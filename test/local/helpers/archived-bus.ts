import { EventBus } from '../../../packages/local/src/eventbridge/bus';
import { EventArchive } from '../../../packages/local/src/eventbridge/event-archive';
import { Replays } from '../../../packages/local/src/eventbridge/replays';
import { silentLogger } from '../../../packages/local/src/log';
import { eventBusArn } from '../../../packages/local/src/naming';
import { DeadLetterStore } from '../../../packages/local/src/sqs/dead-letters';

export const ARCHIVED_BUS = 'inovda-kota-uji';
export const AWS_REGION = 'ap-southeast-3';

/** A bus with an archive of every event and its replays, set up as the platform sets them up (retries in ms). */
export function archivedBus() {
  const archive = new EventArchive({
    name: `${ARCHIVED_BUS}-archive`,
    awsRegion: AWS_REGION,
    sourceArn: eventBusArn(AWS_REGION, ARCHIVED_BUS),
    pattern: { account: ['000000000000'] },
    retentionDays: 365,
  });
  const bus = new EventBus({
    name: ARCHIVED_BUS,
    awsRegion: AWS_REGION,
    deadLetters: new DeadLetterStore(),
    log: silentLogger,
    backoff: { baseDelayMs: 2, maxDelayMs: 10 },
    archive,
  });
  const replays = new Replays({ archives: [archive], bus, awsRegion: AWS_REGION, log: silentLogger });
  return { archive, bus, replays };
}
