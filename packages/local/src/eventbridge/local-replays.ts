import type { LocalEventBus } from './bus';
import { EventBridgeError } from './eventbridge-error';
import type { ReplayDescription, ReplaySummary, Replays } from './replays';

/** A replay as people and tests ask for it: names instead of ARNs, and a window that defaults to everything. */
export interface LocalReplayRequest {
  /** Default (HTTP route only): `local-replay-<epoch ms>`. */
  readonly name?: string;
  /** Start of the window on the events' `time`, inclusive (default: the beginning). */
  readonly from?: Date | string;
  /** End of the window, exclusive (default: the end of the current second, so every event archived so far). */
  readonly to?: Date | string;
  /** Rule names or ARNs to replay to (default: every rule of the bus). */
  readonly rules?: readonly string[];
}

/** The archive at a glance (`GET /local/archive`). */
export interface ArchiveOverview {
  readonly name: string;
  readonly arn: string;
  readonly eventCount: number;
  readonly sizeBytes: number;
  readonly retentionDays: number;
  /** Event times of the oldest and newest archived events. */
  readonly oldestEventTime?: string;
  readonly newestEventTime?: string;
}

/** The archive and replays of the bus, for the local routes and `LocalPlatform.replay`. */
export interface LocalReplays {
  archive(): ArchiveOverview;
  /** Starts a replay of the bus's archive; answers at once (STARTING). */
  start(request: LocalReplayRequest): ReplayDescription;
  describe(name: string): ReplayDescription;
  list(): readonly ReplaySummary[];
  /** Resolves once the replay has ended (every event handed to its rules, or cancelled, or failed). */
  whenEnded(name: string): Promise<ReplayDescription>;
}

function timeOf(value: Date | string, field: string): Date {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new EventBridgeError('ValidationException', `${field} is not a timestamp.`);
  return date;
}

/** `LocalReplays` over the bus's one archive (the platform creates exactly one per bus, as the stack does). */
export function localReplays(replays: Replays, bus: Pick<LocalEventBus, 'arn' | 'rules'>): LocalReplays {
  const archive = () => {
    const [only] = replays.archives();
    if (!only) throw new EventBridgeError('ResourceNotFoundException', `Event bus ${bus.arn} has no archive.`);
    return only;
  };
  const ruleArnOf = (rule: string): string => {
    if (rule.startsWith('arn:')) return rule;
    const found = bus.rules().find((each) => each.Name === rule);
    if (!found) throw new EventBridgeError('ResourceNotFoundException', `Rule ${rule} does not exist.`);
    return found.Arn;
  };
  return {
    archive: () => {
      const described = archive().describe();
      const times = archive()
        .events()
        .map((event) => event.time)
        .sort();
      return {
        name: described.ArchiveName,
        arn: described.ArchiveArn,
        eventCount: described.EventCount,
        sizeBytes: described.SizeBytes,
        retentionDays: described.RetentionDays,
        ...(times.length > 0 ? { oldestEventTime: times[0], newestEventTime: times[times.length - 1] } : {}),
      };
    },
    start: (request) => {
      const name = request.name ?? `local-replay-${Date.now()}`;
      const endOfThisSecond = new Date(Math.floor(Date.now() / 1000) * 1000 + 1000);
      replays.start({
        ReplayName: name,
        EventSourceArn: archive().arn,
        EventStartTime: request.from === undefined ? new Date(0) : timeOf(request.from, 'from'),
        EventEndTime: request.to === undefined ? endOfThisSecond : timeOf(request.to, 'to'),
        Destination: { Arn: bus.arn, ...(request.rules ? { FilterArns: request.rules.map(ruleArnOf) } : {}) },
      });
      return replays.describe(name);
    },
    describe: (name) => replays.describe(name),
    list: () => replays.list(),
    whenEnded: (name) => replays.whenEnded(name),
  };
}
