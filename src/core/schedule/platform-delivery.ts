import type { DeliveryAdapter } from "../delivery/port.js";
import type { ClaimDeps, ClaimedDigest } from "./claim-batch.js";
import { claimBatch } from "./claim-batch.js";
import type { DeliveryOutcome } from "./outcome.js";
import type { DueTarget } from "./plan.js";
import type { RateLimiter } from "./rate-limit.js";
import { sendClaimed } from "./send-digest.js";

export interface PlatformRun extends ClaimDeps {
  targets: readonly DueTarget[];
  /** Claims taken over from an instance that stopped holding them: sent first. */
  resumed: readonly ClaimedDigest[];
  adapter: DeliveryAdapter;
  limiter: RateLimiter;
  /** Sends in flight at once. */
  concurrency: number;
  /** Digests claimed per store call. */
  batchSize: number;
  onOutcome(outcome: DeliveryOutcome): void;
}

/**
 * Delivers one platform's due digests. A batch is claimed (one store call) ahead of the senders,
 * and `concurrency` workers take claimed digests one by one, so a worker stuck on a slow target
 * holds up only itself. Each send records its own result. Resolves once every digest is done.
 */
export async function deliverPlatform(run: PlatformRun): Promise<void> {
  const ready: ClaimedDigest[] = [...run.resumed];
  let cursor = 0;
  let claiming: Promise<void> | undefined;

  const claimNext = (): Promise<void> | undefined => {
    if (claiming || cursor >= run.targets.length) return claiming;
    const batch = run.targets.slice(cursor, cursor + run.batchSize);
    cursor += batch.length;
    claiming = claimBatch(batch, run)
      .then(({ claimed, outcomes }) => {
        outcomes.forEach(run.onOutcome);
        ready.push(...claimed);
      })
      .finally(() => {
        claiming = undefined;
      });
    return claiming;
  };

  const nextDigest = async (): Promise<ClaimedDigest | undefined> => {
    // Claim ahead while the queue runs low, so senders rarely wait for the store.
    if (ready.length <= run.concurrency) void claimNext();
    while (ready.length === 0) {
      const pending = claimNext();
      if (!pending) return undefined;
      await pending;
    }
    return ready.shift();
  };

  const worker = async (): Promise<void> => {
    for (let digest = await nextDigest(); digest; digest = await nextDigest()) {
      run.onOutcome(await sendClaimed(digest, run));
    }
  };

  const workers = Math.max(1, Math.min(run.concurrency, run.targets.length + run.resumed.length));
  await Promise.all(Array.from({ length: workers }, worker));
}
