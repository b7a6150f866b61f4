import { errorMessage } from '../errors';
import type { LocalLogger } from '../log';

/** Stops one part; may be asynchronous. */
export type StopStep = () => Promise<void> | void;

/**
 * What stopping the platform undoes, in the reverse order of starting: each part is added as it starts, so it
 * stops after everything that started later (and may depend on it) has stopped. A start that fails half-way
 * stops what it had started the same way.
 */
export class StopOrder {
  private readonly steps: StopStep[] = [];
  private stopping: Promise<void> | undefined;

  constructor(private readonly log: LocalLogger) {}

  /** Adds the stop of a part that has just started. */
  add(step: StopStep): void {
    this.steps.push(step);
  }

  /** Runs every step, last added first; a failing step is logged and the others still run. Safe to call twice. */
  stop(): Promise<void> {
    this.stopping ??= this.run();
    return this.stopping;
  }

  private async run(): Promise<void> {
    for (const step of this.steps.splice(0).reverse()) {
      try {
        await step();
      } catch (error) {
        this.log.warn(`while stopping: ${errorMessage(error)}`);
      }
    }
  }
}
