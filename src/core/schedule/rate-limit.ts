import type { Platform, Target } from "../target.js";
import type { Clock } from "./clock.js";
import { systemClock } from "./clock.js";
import type { TokenBucketOptions } from "./token-bucket.js";
import { TokenBucket } from "./token-bucket.js";

/** Paces the sends of one platform. */
export interface RateLimiter {
  /** Resolves when one message may be sent to `target`. */
  acquire(target: Target): Promise<void>;
  /** Sustained sends per second; Infinity when unpaced. Sizes how far ahead deliveries are claimed. */
  readonly ratePerSecond: number;
}

export interface PlatformLimits {
  /** All sends of the platform together. */
  overall: TokenBucketOptions;
  /** Each shared chat (group, channel) on its own, on top of `overall`. */
  perChannel?: TokenBucketOptions;
}

/** Telegram: about 30 messages/s overall and 20/min per group; Discord: 50 requests/s. */
export const PLATFORM_LIMITS: Record<"telegram" | "discord", PlatformLimits> = {
  telegram: { overall: { ratePerSecond: 30, burst: 1 }, perChannel: { ratePerSecond: 20 / 60, burst: 1 } },
  discord: { overall: { ratePerSecond: 50, burst: 1 } },
};

// Per-chat buckets are forgotten once idle, so a long-running process does not keep one per chat ever seen.
const PRUNE_ABOVE = 1_000;

/** A limiter from token buckets: one for the whole platform, one per shared chat if asked. */
export class BucketRateLimiter implements RateLimiter {
  readonly ratePerSecond: number;
  readonly #overall: TokenBucket;
  readonly #perChannel: TokenBucketOptions | undefined;
  readonly #channels = new Map<string, TokenBucket>();
  readonly #clock: Clock;

  constructor(limits: PlatformLimits, clock: Clock = systemClock) {
    this.ratePerSecond = limits.overall.ratePerSecond;
    this.#overall = new TokenBucket(limits.overall, clock);
    this.#perChannel = limits.perChannel;
    this.#clock = clock;
  }

  async acquire(target: Target): Promise<void> {
    // The chat's own bucket first, so a busy group does not hold overall tokens while it waits.
    if (this.#perChannel && target.kind === "channel") {
      await this.#channelBucket(target.id, this.#perChannel).acquire();
    }
    await this.#overall.acquire();
  }

  #channelBucket(id: string, options: TokenBucketOptions): TokenBucket {
    let bucket = this.#channels.get(id);
    if (!bucket) {
      if (this.#channels.size >= PRUNE_ABOVE) this.#pruneIdle();
      bucket = new TokenBucket(options, this.#clock);
      this.#channels.set(id, bucket);
    }
    return bucket;
  }

  #pruneIdle(): void {
    for (const [id, bucket] of this.#channels) if (bucket.isIdle()) this.#channels.delete(id);
  }
}

/** No pacing at all: for dry runs and measurements. */
export const unlimited: RateLimiter = { acquire: async () => {}, ratePerSecond: Infinity };

/** The limiters the platforms ask for, one per platform. */
export function platformLimiters(clock: Clock = systemClock): Partial<Record<Platform, RateLimiter>> {
  return {
    telegram: new BucketRateLimiter(PLATFORM_LIMITS.telegram, clock),
    discord: new BucketRateLimiter(PLATFORM_LIMITS.discord, clock),
  };
}
