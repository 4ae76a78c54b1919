import type { DeliveryAdapter } from "../delivery/port.js";
import type { ClaimDeps, ClaimedDigest } from "./claim-batch.js";
import { claimBatch } from "./claim-batch.js";
import type { DeliveryOutcome } from "./outcome.js";
import type { DueTarget } from "./plan.js";
import type { RateLimiter } from "./rate-limit.js";
import { releaseUnsent, sendClaimed } from "./send-digest.js";
import type { StopSignals } from "./stop-signals.js";

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
  /** The process shutting down: no more claims or sends, and what was claimed is released. */
  stop?: StopSignals;
}

/**
 * Delivers one platform's due digests. A batch is claimed (one store call) ahead of the senders,
 * and `concurrency` workers take claimed digests one by one, so a worker stuck on a slow target
 * holds up only itself. Each send records its own result. Resolves once every digest is done, or,
 * once `stop.stopping` is aborted, as soon as the sends under way are; the digests claimed but not
 * sent are then released for the next start.
 */
export async function deliverPlatform(run: PlatformRun): Promise<void> {
  const ready: ClaimedDigest[] = [...run.resumed];
  const stopping = run.stop?.stopping;
  let cursor = 0;
  let claiming: Promise<void> | undefined;

  const claimNext = (): Promise<void> | undefined => {
    if (claiming || cursor >= run.targets.length || stopping?.aborted) return claiming;
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
    if (stopping?.aborted) return undefined;
    // Claim ahead while the queue runs low, so senders rarely wait for the store.
    if (ready.length <= run.concurrency) void claimNext();
    while (ready.length === 0) {
      const pending = claimNext();
      if (!pending) return undefined;
      await pending;
      if (stopping?.aborted) return undefined;
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
  if (stopping?.aborted) await releaseLeftOver(ready, claiming, run);
}

/** At shutdown: gives back what was claimed (a batch still being claimed included) but not sent. */
async function releaseLeftOver(
  ready: ClaimedDigest[],
  claiming: Promise<void> | undefined,
  run: PlatformRun,
): Promise<void> {
  await claiming;
  const left = ready.splice(0);
  if (left.length === 0) return;
  const platform = run.adapter.platform;
  run.log.info(
    { platform, digests: left.length },
    "shutting down: digests not sent yet wait for the next start",
  );
  for (const digest of left) run.onOutcome(await releaseUnsent(digest, run));
}
