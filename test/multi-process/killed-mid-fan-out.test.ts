import { afterEach, describe, expect, it } from "vitest";
import type { Delivery } from "../../src/core/records.js";
import { DEFAULT_CONCURRENCY } from "../../src/core/schedule/fan-out.js";
import { LEASE_MS } from "../../src/core/schedule/lease.js";
import { serverUrl } from "./database.js";
import {
  botEnv,
  chatIdsFrom,
  deliveriesOf,
  messagesPerChat,
  openDigestWorld,
  statusCounts,
  subscribeDueNow,
} from "./digests.js";
import { FakeBotApi } from "./fake-bot-api.js";
import { killAllPaperboys, outputOf, startPaperboy } from "./paperboy-process.js";
import { Teardown } from "./teardown.js";
import { waitUntil, within } from "./wait.js";

const SUBSCRIBERS = 150;
const KILL_AFTER_SENDS = 30;
/** A slow Telegram: every send stays in flight this long, so a kill catches some mid-send. */
const SEND_DELAY_MS = 150;
/**
 * The lease of the last claim the killed instance made, then the survivor's next minute tick,
 * whose takeover and sends need a few seconds more on a loaded machine.
 */
const RECOVERY_MS = LEASE_MS + 60_000 + 20_000;
const INTERRUPTED = "interrupted while sending";

const teardown = new Teardown();
afterEach(async () => {
  await killAllPaperboys();
  await teardown.run();
}, 60_000);

describe.skipIf(!serverUrl)("an instance killed in the middle of a fan-out (real processes)", () => {
  it("another instance finishes it: nobody gets a digest twice, whoever may have got one is never sent another", async () => {
    const world = await openDigestWorld(serverUrl ?? "", teardown);
    const chatIds = chatIdsFrom(700_001, SUBSCRIBERS);
    await subscribeDueNow(world.store, chatIds, new Date());
    const telegram = await FakeBotApi.start({ sendDelayMs: SEND_DELAY_MS });
    teardown.add(() => telegram.close());

    const first = startPaperboy("killed instance", botEnv(world, telegram));
    await within(
      () => `${KILL_AFTER_SENDS} sends from the first instance\n${outputOf(first)}`,
      150_000,
      Promise.race([
        telegram.until(() => telegram.messages.length >= KILL_AFTER_SENDS),
        first.exited.then(() => Promise.reject(new Error(`it exited:\n${outputOf(first)}`))),
      ]),
    );
    await first.kill();
    const killedAt = Date.now();
    const atKill = await deliveriesOf(world.store, chatIds);
    const reachedBeforeKill = messagesPerChat(telegram).size;

    const second = startPaperboy("surviving instance", botEnv(world, telegram));
    let records = atKill;
    const settled = (list: Delivery[]) =>
      list.length === 1 && ["sent", "failed"].includes(list[0]?.status ?? "");
    await waitUntil("every digest to be sent or failed", {
      timeoutMs: RECOVERY_MS,
      intervalMs: 2_000,
      check: async () => {
        records = await deliveriesOf(world.store, chatIds);
        return [...records.values()].every(settled);
      },
      abort: () => (second.running() ? undefined : `the surviving instance exited:\n${outputOf(second)}`),
      detail: () => `now ${statusCounts(records)}; at the kill ${statusCounts(atKill)}\n${outputOf(second)}`,
    });
    const recoveredInMs = Date.now() - killedAt;
    await new Promise((resolve) => setTimeout(resolve, 2_000));

    const summary = `at the kill: ${statusCounts(atKill)}, ${reachedBeforeKill} chats reached; after: ${statusCounts(records)}`;
    // The kill left both kinds of unfinished digest behind, or the test would prove less than it says.
    expect(statusCounts(atKill), summary).toMatch(/claimed: \d+/);
    expect(statusCounts(atKill), summary).toMatch(/sending: \d+/);
    expect(recoveredInMs).toBeLessThanOrEqual(RECOVERY_MS);

    const perChat = messagesPerChat(telegram);
    expect(
      [...perChat].filter(([, count]) => count > 1),
      "chats that got more than one digest",
    ).toEqual([]);
    records = await deliveriesOf(world.store, chatIds);
    for (const chatId of chatIds) {
      const [delivery] = records.get(chatId) ?? [];
      const got = perChat.get(chatId) ?? 0;
      // A sent record arrived exactly once; any other is a send the kill interrupted: failed, never
      // tried again, whether or not it had reached the chat.
      if (delivery?.status === "sent") expect(got, `chat ${chatId}`).toBe(1);
      else
        expect(delivery, `chat ${chatId} (${got} messages)`).toMatchObject({
          status: "failed",
          error: INTERRUPTED,
        });
    }
    const failed = [...records.values()].filter(([delivery]) => delivery?.status === "failed").length;
    expect(failed, summary).toBeGreaterThan(0);
    expect(failed, summary).toBeLessThanOrEqual(DEFAULT_CONCURRENCY);
    expect(perChat.size, summary).toBeGreaterThanOrEqual(SUBSCRIBERS - DEFAULT_CONCURRENCY);
    // The claims the killed instance held were taken over once their lease ended.
    expect(second.stdout()).toContain("taking over unfinished digests");
  }, 360_000);
});
