import type { DeliveryAdapter } from "../core/delivery/port.js";
import type { Logger } from "../core/log.js";
import { composeRecap } from "../core/recap/compose-recap.js";
import { dueRecapSlot, type RecapSlot } from "../core/recap/recap-slot.js";
import type { SavedPaper } from "../core/records.js";
import { sendSafely } from "../core/schedule/send-digest.js";
import type { PaperShelf } from "../core/corpus/paper-shelf.js";
import type { Store } from "../core/store/port.js";
import { parseTargetKey, type Platform, type TargetKey } from "../core/target.js";

/** The job name under which one instance at a time posts the weekly recaps. */
export const RECAP_JOB = "weekly-recap";

/** How many papers of a week's votes a recap is composed from. */
const TOP_VOTED = 5;
/** Reading-list papers read at a time while looking for the week's saves (the list is newest first). */
const SAVED_PAGE = 50;

export interface RecapJobDeps {
  store: Store;
  /** The papers by id: what a recap's cards show. */
  papers: Pick<PaperShelf, "byId">;
  adapters: Partial<Record<Platform, DeliveryAdapter>>;
  log: Logger;
  /** The clock; tests pass a fake one. */
  now?: () => Date;
}

/** What one tick did, as its log line tells it. */
interface TickCounts {
  due: number;
  sent: number;
  /** Due, but the week had no votes or saves: nothing posted. */
  empty: number;
  failed: number;
}

/**
 * One tick of the weekly recaps, to run every minute on the instance that holds RECAP_JOB. Each
 * channel subscription with a recap whose weekly slot (day and time in its zone) passed at most
 * RECAP_GRACE_HOURS ago, in a week that has not had its recap, gets one: the week is first
 * recorded as done (`recap.lastWeek`), then the recap is composed and sent. So a crash or a
 * failed send loses that week's recap rather than ever posting it twice. Paused subscriptions are
 * skipped. A recap that fails is logged and not tried again that week.
 */
export function createRecapJob(deps: RecapJobDeps): () => Promise<void> {
  const clock = deps.now ?? (() => new Date());
  return async () => {
    const now = clock();
    const counts: TickCounts = { due: 0, sent: 0, empty: 0, failed: 0 };
    for (const { key, subscription } of await deps.store.subscriptions.scheduled()) {
      if (!subscription.recap || subscription.paused) continue;
      const adapter = adapterFor(key, deps.adapters);
      if (!adapter || !dueRecapSlot(now, subscription)) continue;
      try {
        const outcome = await postRecap(key, adapter, now, deps);
        if (outcome === undefined) continue;
        counts.due += 1;
        counts[outcome] += 1;
      } catch (error) {
        counts.due += 1;
        counts.failed += 1;
        // Once its week is recorded, it is not tried again that week; before that, the next tick tries.
        deps.log.error({ key, err: error }, "weekly recap failed");
      }
    }
    const message = "weekly recaps";
    if (counts.due > 0) deps.log.info(counts, message);
    else deps.log.debug(counts, message);
  };
}

/** The platform's adapter for a channel target; undefined for a user's key or a platform not served here. */
function adapterFor(
  key: TargetKey,
  adapters: Partial<Record<Platform, DeliveryAdapter>>,
): DeliveryAdapter | undefined {
  const target = parseTargetKey(key);
  return target?.kind === "channel" ? adapters[target.platform] : undefined;
}

/** Posts one channel's recap; undefined when, read again, it is no longer due. */
async function postRecap(
  key: TargetKey,
  adapter: DeliveryAdapter,
  now: Date,
  deps: RecapJobDeps,
): Promise<"sent" | "empty" | "failed" | undefined> {
  const { store } = deps;
  // Read again: a command may have changed the recap (or the week may be done) since the list was read.
  const subscription = await store.subscriptions.get(key);
  const slot = subscription && dueRecapSlot(now, subscription);
  if (!subscription?.recap || !slot) return undefined;
  // Marked first, so a crash never sends twice. Read once more right before, to narrow the window in
  // which a concurrent /subscribe, /recap or pause would be written over.
  const latest = await store.subscriptions.get(key);
  if (!latest?.recap || latest.paused || latest.recap.lastWeek === slot.week) return undefined;
  await store.subscriptions.put(key, { ...latest, recap: { ...latest.recap, lastWeek: slot.week } });
  // The week ends at its slot, not now: a vote or save after the slot (a recap sent late, after
  // downtime) belongs to the next week's recap, which counts from this slot.
  const [votes, saved] = await Promise.all([
    store.votes.topSince(key, slot.weekStart, TOP_VOTED, slot.at),
    savedInWeek(store, key, slot),
  ]);
  const byId = await deps.papers.byId([...votes.map((v) => v.paperId), ...saved.map((s) => s.paperId)]);
  const reply = composeRecap({
    key,
    votes,
    saved,
    paper: (id) => byId.get(id),
    weekLabel: slot.week,
  });
  if (!reply) return "empty";
  // The recap goes where the digest goes (a Telegram topic), as one message.
  const topic = subscription.topicId === undefined ? undefined : { topicId: subscription.topicId };
  const result = await sendSafely(adapter, subscription.chatId, reply, topic);
  if (result.ok) return "sent";
  deps.log.warn(
    { key, week: slot.week, kind: result.kind, reason: result.reason },
    "weekly recap not delivered; it is not tried again this week",
  );
  return "failed";
}

/**
 * The papers saved in the slot's week (from its start, before the slot), newest first: read from
 * the start of the newest-first list, past any saved after the slot.
 */
async function savedInWeek(store: Store, key: TargetKey, slot: RecapSlot): Promise<SavedPaper[]> {
  const since = slot.weekStart.getTime();
  const until = slot.at.getTime();
  const found: SavedPaper[] = [];
  for (let offset = 0; ; offset += SAVED_PAGE) {
    const { papers } = await store.readingLists.list(key, { offset, limit: SAVED_PAGE });
    for (const paper of papers) {
      const at = Date.parse(paper.savedAt);
      if (at < since) return found;
      if (at < until) found.push(paper);
    }
    if (papers.length < SAVED_PAGE) return found;
  }
}
