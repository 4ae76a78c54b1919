import type { DeliveryAdapter } from "../delivery/port.js";
import type { ClaimDeps, ClaimedDigest } from "./claim-batch.js";
import { claimBatch } from "./claim-batch.js";
import type { DeliveryOutcome } from "./outcome.js";
import type { DueTarget } from "./plan.js";
import type { RateLimiter } from "./rate-limit.js";
import type { SentDigest } from "./send-digest.js";
import { outcomeOf, recordResults, sendClaimed } from "./send-digest.js";

export interface PlatformRun extends ClaimDeps {
  targets: readonly DueTarget[];
  adapter: DeliveryAdapter;
  limiter: RateLimiter;
  /** Sends in flight at once. */
  concurrency: number;
  /** Digests claimed per write. */
  batchSize: number;
  onOutcome(outcome: DeliveryOutcome): void;
}

/**
 * Delivers one platform's due digests. A batch is claimed (one write) ahead of the senders, and
 * `concurrency` workers take claimed digests one by one, so a worker stuck on a slow target holds
 * up only itself. Results are recorded in the same write as the next claim, and at the end.
 * Resolves once every digest is sent and every result is recorded.
 */
export async function deliverPlatform(run: PlatformRun): Promise<void> {
  const ready: ClaimedDigest[] = [];
  const recordings: Array<Promise<void>> = [];
  let unrecorded: SentDigest[] = [];
  let cursor = 0;
  let claiming: Promise<void> | undefined;

  const recordSoFar = () => {
    recordings.push(recordResults(unrecorded, run));
    unrecorded = [];
  };

  const claimNext = (): Promise<void> | undefined => {
    if (claiming || cursor >= run.targets.length) return claiming;
    const batch = run.targets.slice(cursor, cursor + run.batchSize);
    cursor += batch.length;
    recordSoFar(); // applied in the same tick as the claim below, so both share one write
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
    // Claim ahead while the queue runs low, so senders rarely wait for a write.
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
      const sent = await sendClaimed(digest, { adapter: run.adapter, limiter: run.limiter, log: run.log });
      run.onOutcome(outcomeOf(sent));
      unrecorded.push(sent);
    }
    // Out of work: record what is done now rather than after a send still hanging elsewhere.
    if (unrecorded.length > 0) recordSoFar();
  };

  const workers = Math.max(1, Math.min(run.concurrency, run.targets.length));
  await Promise.all(Array.from({ length: workers }, worker));
  await Promise.all(recordings);
}
