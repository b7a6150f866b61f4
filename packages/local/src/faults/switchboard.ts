import { FAULT_SWITCHES, type FaultName, type FaultSettings } from './switches';

/** A fault as `GET /local/faults` lists it. */
export interface FaultView {
  readonly name: FaultName;
  readonly description: string;
  readonly on: boolean;
  readonly settings?: unknown;
  /** How many times it acted (a call refused, a batch or entry failed, a poller stopped, an environment killed). */
  readonly acted: number;
}

type Listener<N extends FaultName> = (settings: FaultSettings[N] | undefined) => void | Promise<void>;

/** The faults a test turns on and off (`LocalPlatform.faults`, or `/local/faults`). */
export interface LocalFaults {
  /** Turns a fault on (or changes its settings); resolves once it is in effect. */
  set<N extends FaultName>(name: N, settings: FaultSettings[N]): Promise<void>;
  /** Turns one fault off, or every fault; resolves once the runtime is back to normal. */
  clear(name?: FaultName): Promise<void>;
  /** The settings of a fault that is on, else undefined. */
  get<N extends FaultName>(name: N): FaultSettings[N] | undefined;
  list(): FaultView[];
  /** Counts one action of a fault (where it acts calls this), so a run can show that its faults really acted. */
  acted(name: FaultName): void;
}

/**
 * The switchboard: which faults are on, with their settings. The parts of the runtime a fault acts in read it per
 * call (`get`) or react when it changes (`watch`), so a fault is defined once (switches.ts) and acts where it acts;
 * nothing else changes when one is added. All faults start off; a fault is local-only and never persisted.
 */
export class FaultSwitchboard implements LocalFaults {
  private readonly active = new Map<FaultName, unknown>();
  private readonly listeners = new Map<FaultName, Array<Listener<FaultName>>>();
  private readonly actions = new Map<FaultName, number>();

  async set<N extends FaultName>(name: N, settings: FaultSettings[N]): Promise<void> {
    // Validated as the route validates it, so an in-process caller cannot set what the runtime cannot act on.
    const parsed = FAULT_SWITCHES[name].parse(settings) as FaultSettings[N];
    this.active.set(name, parsed);
    await this.notify(name, parsed);
  }

  async clear(name?: FaultName): Promise<void> {
    const names = name ? [name] : [...this.active.keys()];
    for (const each of names) {
      if (!this.active.delete(each)) continue;
      await this.notify(each, undefined);
    }
  }

  get<N extends FaultName>(name: N): FaultSettings[N] | undefined {
    return this.active.get(name) as FaultSettings[N] | undefined;
  }

  list(): FaultView[] {
    return (Object.keys(FAULT_SWITCHES) as FaultName[]).map((name) => ({
      name,
      description: FAULT_SWITCHES[name].description,
      on: this.active.has(name),
      ...(this.active.has(name) ? { settings: this.active.get(name) } : {}),
      acted: this.actions.get(name) ?? 0,
    }));
  }

  acted(name: FaultName): void {
    this.actions.set(name, (this.actions.get(name) ?? 0) + 1);
  }

  /** Calls `listener` whenever the fault is set (its settings) or cleared (undefined). */
  watch<N extends FaultName>(name: N, listener: Listener<N>): void {
    const list = this.listeners.get(name) ?? [];
    list.push(listener as Listener<FaultName>);
    this.listeners.set(name, list);
  }

  private async notify(name: FaultName, settings: unknown): Promise<void> {
    for (const listener of this.listeners.get(name) ?? []) await listener(settings as never);
  }
}
