import { REST } from "discord.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { discordRestOptions, createDiscordBot } from "../../../src/bots/discord/client.js";
import { DiscordDelivery } from "../../../src/bots/discord/delivery.js";
import { harness as commandHarness } from "../../core/commands/harness.js";
import {
  CHANNEL_ID,
  FakeDiscord,
  MANAGE_CHANNELS,
  THREAD_PERMISSIONS,
  USER_ID,
  chatCommand,
  discordError,
  options,
  papersReply,
  recordingLogger,
  injectInteraction,
} from "./fake-discord.js";

const WEEK_MINUTES = 10080;

let fake: FakeDiscord;
let rest: REST;
let log: ReturnType<typeof recordingLogger>;
let delivery: DiscordDelivery;

beforeEach(async () => {
  fake = await FakeDiscord.start();
  rest = new REST(discordRestOptions(fake.apiRoot)).setToken("x");
  log = recordingLogger();
  delivery = new DiscordDelivery(rest, log);
});
afterEach(async () => {
  rest.clearHashSweeper();
  rest.clearHandlerSweeper();
  await fake.close();
});

/** A channel digest of `count` papers, with a long title on the second. */
const digest = (count = 3) => {
  const reply = papersReply(count, {
    title: "Today's papers for Tue 3 Dec",
    buttons: [],
    footer: "👍/👎 tune the picks",
  });
  const second = reply.cards[1];
  if (second) second.title = `A very long title about sparse attention ${"and retrieval ".repeat(10)}`;
  return reply;
};
const threadCalls = () => fake.find("POST", /^\/channels\/\d+\/messages\/\d+\/threads$/);

describe("a channel digest with threads on", () => {
  it("posts the header, then one message per paper with a week-long thread named after it", async () => {
    const reply = digest();
    expect(await delivery.send(CHANNEL_ID, reply, { threads: true })).toEqual({ ok: true });

    const posts = fake.postedIn(CHANNEL_ID);
    expect(posts).toHaveLength(4);
    expect(posts[0].content).toContain("Today's papers for Tue 3 Dec");
    expect(posts[0].embeds).toEqual([]);
    expect(posts.slice(1).map((post: { embeds: unknown[] }) => post.embeds.length)).toEqual([1, 1, 1]);
    expect(
      posts.slice(1).map((post: { embeds: { title: string }[] }) => post.embeds[0]?.title.slice(0, 3)),
    ).toEqual(["1. ", "2. ", "3. "]);
    // Each paper keeps its own buttons, and the footer stays under the last paper.
    expect(posts[1].components[0].components.map((b: { custom_id: string }) => b.custom_id)).toContain(
      `like:${reply.cards[0]?.id}`,
    );
    expect(posts[3].embeds[0].footer.text).toContain("👍/👎 tune the picks");

    const threads = threadCalls();
    expect(threads.map((call) => call.path)).toEqual(
      posts.slice(1).map((post: { id: string }) => `/channels/${CHANNEL_ID}/messages/${post.id}/threads`),
    );
    expect(threads.map((call) => call.body.auto_archive_duration)).toEqual([
      WEEK_MINUTES,
      WEEK_MINUTES,
      WEEK_MINUTES,
    ]);
    expect(threads[0]?.body.name).toBe(reply.cards[0]?.title);
    expect(threads[1]?.body.name).toHaveLength(100);
    expect(reply.cards[1]?.title.startsWith(threads[1]?.body.name.slice(0, 99))).toBe(true);
    // Message, then its thread, one at a time: never a burst of thread requests.
    const order = fake.requests.map((request) => (request.path.endsWith("/threads") ? "thread" : "post"));
    expect(order).toEqual(["post", "post", "thread", "post", "thread", "post", "thread"]);
  });

  it("still posts every paper when Discord refuses threads (Missing Permissions), with one warn line", async () => {
    fake.respond("POST", /\/threads$/, discordError(403, 50013, "Missing Permissions"));
    expect(await delivery.send(CHANNEL_ID, digest(), { threads: true })).toEqual({ ok: true });

    expect(fake.postedIn(CHANNEL_ID)).toHaveLength(4);
    // After the first refusal it stops asking: refused requests count toward Discord's ban.
    expect(threadCalls()).toHaveLength(1);
    const warns = log.lines.filter((line) => line.level === "warn");
    expect(warns).toHaveLength(1);
    expect(warns[0]?.msg).toMatch(/threads not opened/);
    expect(JSON.stringify(warns[0]?.obj)).toContain("50013");
  });

  it("sends one message and no thread with threads off, as before", async () => {
    expect(await delivery.send(CHANNEL_ID, digest())).toEqual({ ok: true });
    expect(fake.postedIn(CHANNEL_ID)).toHaveLength(1);
    expect(threadCalls()).toEqual([]);
  });

  it("opens no thread in a DM, where Discord has none", async () => {
    expect(await delivery.send(`user:${USER_ID}`, digest(), { threads: true })).toEqual({ ok: true });
    expect(threadCalls()).toEqual([]);
  });
});

describe("/channel subscribe threads:on", () => {
  async function subscribe(appPermissions?: bigint): Promise<string> {
    const core = await commandHarness();
    const bot = createDiscordBot({ token: "unused", apiRoot: fake.apiRoot, service: core.service, log });
    bot.client.rest.setToken("x");
    try {
      const raw = chatCommand("channel", ["subscribe"], options({ threads: "on" }), {
        permissions: MANAGE_CHANNELS,
        ...(appPermissions !== undefined ? { appPermissions } : {}),
      });
      await injectInteraction(bot, raw);
      expect((await core.store.subscriptions.get(`discord:channel:${CHANNEL_ID}`))?.threads).toBe(true);
      const [edit] = fake.find("PATCH", /\/messages\/@original$/);
      return String(edit?.body.content ?? "");
    } finally {
      await bot.stop();
    }
  }

  it("saves it and tells the manager which thread permissions the bot lacks in the channel", async () => {
    const answer = await subscribe();
    expect(answer).toContain("Create Public Threads and Send Messages in Threads permissions");
    expect(answer).toContain("each paper is still posted");
  });

  it("mentions no permission when the bot has them", async () => {
    const answer = await subscribe((1n << 11n) | THREAD_PERMISSIONS);
    expect(answer).toContain("threads on");
    expect(answer).not.toContain("permission");
  });
});
