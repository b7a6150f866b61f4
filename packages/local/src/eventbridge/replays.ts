import { errorMessage } from '../errors';
import type { LocalLogger } from '../log';
import { replayArn } from '../naming';
import type { EventArchive } from './event-archive';
import { EventBridgeError } from './eventbridge-error';
import type { EventBridgeEvent } from './put-events';
import { asReplayed, eventsToReplay } from './replay-window';

/** A replay's state, as EventBridge names them. */
export type ReplayState = 'STARTING' | 'RUNNING' | 'CANCELLING' | 'COMPLETED' | 'CANCELLED' | 'FAILED';

/** Where a replay goes: the archive's own bus, to all its rules or only those in `FilterArns`. */
export interface ReplayDestination {
  readonly Arn: string;
  readonly FilterArns?: readonly string[];
}

/** `StartReplay`'s request, times as Dates. */
export interface StartReplayRequest {
  readonly ReplayName: string;
  readonly Description?: string;
  /** The archive's ARN. */
  readonly EventSourceArn: string;
  readonly EventStartTime: Date;
  readonly EventEndTime: Date;
  readonly Destination: ReplayDestination;
}

/** A replay as `ListReplays` lists it (the `Replay` type). */
export interface ReplaySummary {
  readonly ReplayName: string;
  readonly EventSourceArn: string;
  readonly State: ReplayState;
  readonly StateReason?: string;
  readonly EventStartTime: Date;
  readonly EventEndTime: Date;
  /** The `time` of the last event sent so far. */
  readonly EventLastReplayedTime?: Date;
  readonly ReplayStartTime: Date;
  readonly ReplayEndTime?: Date;
}

/** A replay as `DescribeReplay` answers. */
export interface ReplayDescription extends ReplaySummary {
  readonly ReplayArn: string;
  readonly Description?: string;
  readonly Destination: ReplayDestination;
}

/** What a replay needs of the bus: its rules, and delivery the way live events are delivered. */
export interface ReplayBus {
  readonly arn: string;
  /** The ARNs of the bus's rules. */
  ruleArns(): readonly string[];
  /** Sends an event to the matching rules (only those in `ruleArns` when given), through the live delivery path. */
  dispatch(event: EventBridgeEvent, ruleArns?: ReadonlySet<string>): void;
  /** Counts `work` as in flight, so the bus is not idle while a replay runs. */
  track(work: Promise<unknown>): void;
}

/** EventBridge runs at most 10 replays at once per account and region. */
export const MAX_ACTIVE_REPLAYS = 10;

const NAME_PATTERN = /^[.\-_A-Za-z0-9]{1,64}$/;
const ACTIVE: ReadonlySet<ReplayState> = new Set(['STARTING', 'RUNNING', 'CANCELLING']);

interface Replay {
  readonly request: StartReplayRequest;
  readonly arn: string;
  readonly startTime: Date;
  state: ReplayState;
  stateReason?: string;
  lastReplayed?: Date;
  endTime?: Date;
  readonly done: Promise<ReplayDescription>;
  finish(state: ReplayState, reason?: string): void;
}

function summaryOf(replay: Replay): ReplaySummary {
  const { request } = replay;
  return {
    ReplayName: request.ReplayName,
    EventSourceArn: request.EventSourceArn,
    State: replay.state,
    ...(replay.stateReason ? { StateReason: replay.stateReason } : {}),
    EventStartTime: request.EventStartTime,
    EventEndTime: request.EventEndTime,
    ...(replay.lastReplayed ? { EventLastReplayedTime: replay.lastReplayed } : {}),
    ReplayStartTime: replay.startTime,
    ...(replay.endTime ? { ReplayEndTime: replay.endTime } : {}),
  };
}

function descriptionOf(replay: Replay): ReplayDescription {
  return {
    ...summaryOf(replay),
    ReplayArn: replay.arn,
    ...(replay.request.Description ? { Description: replay.request.Description } : {}),
    Destination: replay.request.Destination,
  };
}

const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The replays of the local bus: `StartReplay`, `DescribeReplay`, `ListReplays` and `CancelReplay` as EventBridge
 * answers them. A replay sends the archived events of its window to the destination's rules (all of them, or those
 * in `FilterArns`), each with `replay-name`, through the bus's live delivery path, so targets, retries and dead
 * letters behave as for live events; the archive never takes them back (see {@link EventArchive.record}).
 * States go STARTING (StartReplay's answer) → RUNNING → COMPLETED, or → CANCELLING → CANCELLED, or FAILED.
 * COMPLETED means every event was handed to its rules, as in AWS, not that the targets have processed it.
 */
export class Replays {
  private readonly replays = new Map<string, Replay>();

  constructor(
    private readonly options: {
      readonly archives: readonly EventArchive[];
      readonly bus: ReplayBus;
      readonly awsRegion: string;
      readonly log: LocalLogger;
    },
  ) {}

  /** The archive of that name or ARN (`ResourceNotFoundException` otherwise). */
  archive(nameOrArn: string): EventArchive {
    const archive = this.options.archives.find((each) => each.name === nameOrArn || each.arn === nameOrArn);
    if (!archive) {
      const name = nameOrArn.replace(/^arn:.*:archive\//, '');
      throw new EventBridgeError('ResourceNotFoundException', `Archive ${name} does not exist.`);
    }
    return archive;
  }

  /** Every archive. */
  archives(): readonly EventArchive[] {
    return this.options.archives;
  }

  /** Starts a replay; answers at once (STARTING), the events follow asynchronously. */
  start(request: StartReplayRequest): Pick<ReplayDescription, 'ReplayArn' | 'State' | 'ReplayStartTime'> {
    const { ReplayName: name, EventStartTime: start, EventEndTime: end, Destination: destination } = request;
    if (!NAME_PATTERN.test(name)) {
      throw new EventBridgeError(
        'ValidationException',
        `1 validation error detected: Value '${name}' at 'replayName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+ and have length between 1 and 64`,
      );
    }
    if (this.replays.has(name)) {
      throw new EventBridgeError('ResourceAlreadyExistsException', `Replay ${name} already exists.`);
    }
    const archive = this.archive(request.EventSourceArn);
    // The checks below are EventBridge's rules; the docs do not give their wording, so the messages are ours.
    if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()) || start.getTime() >= end.getTime()) {
      throw new EventBridgeError('ValidationException', 'EventStartTime must be before EventEndTime.');
    }
    if (destination.Arn !== archive.sourceArn) {
      throw new EventBridgeError(
        'ValidationException',
        `Events of archive ${archive.name} can be replayed only to its event bus ${archive.sourceArn}.`,
      );
    }
    const rules = new Set(this.options.bus.ruleArns());
    const unknownRule = destination.FilterArns?.find((arn) => !rules.has(arn));
    if (unknownRule !== undefined) {
      throw new EventBridgeError('ResourceNotFoundException', `Rule ${unknownRule} does not exist.`);
    }
    if ([...this.replays.values()].filter((replay) => ACTIVE.has(replay.state)).length >= MAX_ACTIVE_REPLAYS) {
      throw new EventBridgeError(
        'LimitExceededException',
        `At most ${MAX_ACTIVE_REPLAYS} replays can be active at once.`,
      );
    }
    const replay = this.create(request);
    this.options.bus.track(this.run(replay, archive));
    return { ReplayArn: replay.arn, State: replay.state, ReplayStartTime: replay.startTime };
  }

  /** `DescribeReplay`. */
  describe(name: string): ReplayDescription {
    return descriptionOf(this.find(name));
  }

  /** `ListReplays`' filters (each optional), oldest first. */
  list(filter: { namePrefix?: string; state?: string; eventSourceArn?: string } = {}): readonly ReplaySummary[] {
    return [...this.replays.values()]
      .filter((replay) => !filter.namePrefix || replay.request.ReplayName.startsWith(filter.namePrefix))
      .filter((replay) => !filter.state || replay.state === filter.state)
      .filter((replay) => !filter.eventSourceArn || replay.request.EventSourceArn === filter.eventSourceArn)
      .map(summaryOf);
  }

  /** `CancelReplay`: only a STARTING or RUNNING replay (`IllegalStatusException` otherwise). */
  cancel(name: string): Pick<ReplayDescription, 'ReplayArn' | 'State'> {
    const replay = this.find(name);
    if (replay.state !== 'STARTING' && replay.state !== 'RUNNING') {
      throw new EventBridgeError(
        'IllegalStatusException',
        `Replay ${name} is ${replay.state}; only a STARTING or RUNNING replay can be cancelled.`,
      );
    }
    replay.state = 'CANCELLING';
    return { ReplayArn: replay.arn, State: replay.state };
  }

  /** Resolves with the replay's description once it has ended (COMPLETED, CANCELLED or FAILED). */
  whenEnded(name: string): Promise<ReplayDescription> {
    return this.find(name).done;
  }

  /** Cancels every active replay and waits for them to end (the platform is stopping). */
  async stop(): Promise<void> {
    const active = [...this.replays.values()].filter((replay) => ACTIVE.has(replay.state));
    for (const replay of active) if (replay.state !== 'CANCELLING') replay.state = 'CANCELLING';
    await Promise.all(active.map((replay) => replay.done));
  }

  private find(name: string): Replay {
    const replay = this.replays.get(name);
    if (!replay) throw new EventBridgeError('ResourceNotFoundException', `Replay ${name} does not exist.`);
    return replay;
  }

  private create(request: StartReplayRequest): Replay {
    let resolveDone: (description: ReplayDescription) => void = () => {};
    const replay: Replay = {
      request,
      arn: replayArn(this.options.awsRegion, request.ReplayName),
      startTime: new Date(),
      state: 'STARTING',
      done: new Promise((resolve) => {
        resolveDone = resolve;
      }),
      finish: (state, reason) => {
        replay.state = state;
        if (reason) replay.stateReason = reason;
        replay.endTime = new Date();
        resolveDone(descriptionOf(replay));
      },
    };
    this.replays.set(request.ReplayName, replay);
    return replay;
  }

  /** Sends the window's events one per tick, so DescribeReplay sees the progress and CancelReplay can stop it. */
  private async run(replay: Replay, archive: EventArchive): Promise<void> {
    const { request } = replay;
    const filter = request.Destination.FilterArns ? new Set(request.Destination.FilterArns) : undefined;
    await nextTick();
    try {
      if (replay.state === 'CANCELLING') return replay.finish('CANCELLED');
      replay.state = 'RUNNING';
      for (const event of eventsToReplay(archive.events(), request.EventStartTime, request.EventEndTime)) {
        // Read afresh each turn: CancelReplay may have run during the previous tick.
        if ((replay.state as ReplayState) === 'CANCELLING') return replay.finish('CANCELLED');
        this.options.bus.dispatch(asReplayed(event, request.ReplayName), filter);
        replay.lastReplayed = new Date(event.time);
        await nextTick();
      }
      if ((replay.state as ReplayState) === 'CANCELLING') return replay.finish('CANCELLED');
      replay.finish('COMPLETED');
    } catch (error) {
      this.options.log.error(`replay ${request.ReplayName} failed: ${errorMessage(error)}`);
      replay.finish('FAILED', errorMessage(error));
    }
  }
}
