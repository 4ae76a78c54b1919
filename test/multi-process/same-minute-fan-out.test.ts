import { afterEach, describe, expect, it } from "vitest";
import { NO_INTERESTS_NOTE } from "../../src/core/recommender/pick-cards.js";
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
import { waitUntil } from "./wait.js";

const SUBSCRIBERS = 300;
/** Long enough for a late duplicate to show: a send already started, a claim made twice. */
const SETTLE_MS = 3_000;

const teardown = new Teardown();
afterEach(async () => {
  await killAllPaperboys();
  await teardown.run();
}, 60_000);

describe.skipIf(!serverUrl)("two bot instances on one database (real processes)", () => {
  it("300 digests due in the same minute go out once each, shared between the instances", async () => {
    const world = await openDigestWorld(serverUrl ?? "", teardown);
    const chatIds = chatIdsFrom(500_001, SUBSCRIBERS);
    await subscribeDueNow(world.store, chatIds, new Date());

    // Each instance talks to a Telegram of its own, to tell who sent what. Sends are held until
    // both instances are up, so that a fast first instance cannot send everything alone.
    let bothUp: () => void = () => {};
    const gate = new Promise<void>((resolve) => (bothUp = resolve));
    const telegrams = [
      await FakeBotApi.start({ holdSends: () => gate }),
      await FakeBotApi.start({ holdSends: () => gate }),
    ];
    teardown.add(() => Promise.all(telegrams.map((telegram) => telegram.close())));
    void Promise.all(telegrams.map((t) => t.until(() => t.calls("setMyCommands") > 0))).then(bothUp);
    const instances = telegrams.map((telegram, n) =>
      startPaperboy(`instance ${n + 1}`, botEnv(world, telegram)),
    );
    const crashed = () => {
      const gone = instances.find((instance) => !instance.running());
      return gone && `${gone.name} exited:\n${outputOf(gone)}`;
    };

    await waitUntil(`a digest in each of the ${SUBSCRIBERS} chats`, {
      timeoutMs: 150_000,
      check: () => messagesPerChat(...telegrams).size === SUBSCRIBERS,
      abort: crashed,
      detail: () =>
        `${messagesPerChat(...telegrams).size} chats reached\n${instances.map(outputOf).join("\n")}`,
    });
    let records = await deliveriesOf(world.store, chatIds);
    await waitUntil("every delivery to be recorded as sent", {
      timeoutMs: 60_000,
      intervalMs: 500,
      check: async () => {
        records = await deliveriesOf(world.store, chatIds);
        return [...records.values()].every((list) => list.length === 1 && list[0]?.status === "sent");
      },
      abort: crashed,
      detail: () => statusCounts(records),
    });
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

    const perChat = messagesPerChat(...telegrams);
    expect(perChat.size).toBe(SUBSCRIBERS);
    expect(
      [...perChat].filter(([, count]) => count !== 1),
      "chats that did not get exactly one",
    ).toEqual([]);
    const texts = telegrams.flatMap((telegram) => telegram.messages.map((message) => message.text));
    expect(texts.every((text) => text.includes(NO_INTERESTS_NOTE.slice(0, 40)))).toBe(true);
    records = await deliveriesOf(world.store, chatIds);
    expect(statusCounts(records)).toBe(`sent: ${SUBSCRIBERS}`);
    for (const [, [delivery]] of records) {
      expect(delivery).not.toHaveProperty("owner");
      expect(delivery).not.toHaveProperty("reply");
    }
    // Both took part: the race for the same due digests was real.
    const shares = telegrams.map((telegram) => telegram.messages.length);
    expect(Math.min(...shares), `messages sent by each instance: ${shares.join(" + ")}`).toBeGreaterThan(0);
    expect(crashed()).toBeUndefined();
  }, 300_000);
});
