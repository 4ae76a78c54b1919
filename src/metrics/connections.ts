import type { ConnectionState } from "../core/telemetry.js";

/** A platform's connection state, and since when it has been in it. */
export interface ConnectionRecord {
  platform: string;
  state: ConnectionState;
  since: Date;
}

/**
 * The latest reported state of each platform's connection. Reporting the state a platform is
 * already in keeps its `since`: "down since" is when the connection was lost, however often the
 * failing tries that followed were reported.
 */
export class ConnectionStates {
  readonly #states = new Map<string, ConnectionRecord>();
  readonly #clock: () => Date;

  constructor(clock: () => Date = () => new Date()) {
    this.#clock = clock;
  }

  /** Records `state`; answers whether it changed. */
  report(platform: string, state: ConnectionState): boolean {
    if (this.#states.get(platform)?.state === state) return false;
    this.#states.set(platform, { platform, state, since: this.#clock() });
    return true;
  }

  /** Every platform that reported a state, in the order they first did. */
  list(): ConnectionRecord[] {
    return [...this.#states.values()].map((record) => ({ ...record }));
  }
}
