/** Time as the rate limiters see it; tests pass a fake one. */
export interface Clock {
  /** Epoch ms. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** The real clock (also driven by fake timers in tests, since it uses Date.now and setTimeout). */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
