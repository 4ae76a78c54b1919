import type { Clock } from "./clock.js";

export interface TokenBucketOptions {
  /** Tokens added per second. */
  ratePerSecond: number;
  /** Tokens that can be spent at once after a quiet spell (1 = evenly spaced). */
  burst: number;
}

/**
 * A token bucket that hands out reservations: each `take()` books the next free token and returns
 * how long to wait for it, so concurrent callers queue up fairly without polling.
 */
export class TokenBucket {
  readonly #intervalMs: number;
  readonly #burst: number;
  readonly #clock: Clock;
  /** When the bucket will next be full again; tokens are spent by pushing it forward. */
  #fullAt: number;

  constructor(options: TokenBucketOptions, clock: Clock) {
    if (!(options.ratePerSecond > 0) || !(options.burst >= 1)) {
      throw new RangeError("A token bucket needs ratePerSecond > 0 and burst ≥ 1");
    }
    this.#intervalMs = 1000 / options.ratePerSecond;
    this.#burst = options.burst;
    this.#clock = clock;
    this.#fullAt = clock.now();
  }

  /** Books one token; returns the ms to wait before using it (0 when one is free now). */
  take(): number {
    const now = this.#clock.now();
    const capacityMs = this.#burst * this.#intervalMs;
    const start = Math.max(this.#fullAt, now);
    this.#fullAt = start + this.#intervalMs;
    return Math.max(0, this.#fullAt - now - capacityMs);
  }

  /** True when the bucket is full, i.e. forgetting it would change nothing. */
  isIdle(): boolean {
    return this.#fullAt <= this.#clock.now();
  }

  /** Waits for one token. */
  async acquire(): Promise<void> {
    const wait = this.take();
    // Rounded up: a timer that fires a fraction early would let one message too many into a window.
    if (wait > 0) await this.#clock.sleep(Math.ceil(wait));
  }
}
