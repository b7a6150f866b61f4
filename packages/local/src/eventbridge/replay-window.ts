import type { EventBridgeEvent } from './put-events';

/**
 * The archived events a replay sends, in the order it sends them.
 *
 * The window is on each event's own `time` (the Replay type's `EventStartTime`: "determined by the time in the
 * event"), not on when it was archived. `EventEndTime` is exclusive ("any event with a creation time prior to the
 * EventEndTime"); the docs do not say whether `EventStartTime` is inclusive, and we take it to be, so that
 * consecutive windows [a, b) and [b, c) replay every event exactly once.
 *
 * AWS replays minute by minute in event time and promises no order within that; locally the order is event time,
 * then arrival (a stable sort), which is what AWS gives at its coarsest and what a test can rely on.
 */
export function eventsToReplay(
  events: readonly EventBridgeEvent[],
  start: Date,
  end: Date,
): readonly EventBridgeEvent[] {
  const from = start.getTime();
  const to = end.getTime();
  return events
    .map((event) => ({ event, time: Date.parse(event.time) }))
    .filter(({ time }) => time >= from && time < to)
    .sort((a, b) => a.time - b.time)
    .map(({ event }) => event);
}

/** The event as a replay delivers it: unchanged (same id and time), with the replay's name added. */
export function asReplayed(event: EventBridgeEvent, replayName: string): EventBridgeEvent {
  return { ...event, 'replay-name': replayName };
}
