import { REST } from "discord.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { discordRestOptions } from "../../../src/bots/discord/client.js";
import { DiscordDelivery } from "../../../src/bots/discord/delivery.js";
import {
  CHANNEL_ID,
  DM_CHANNEL_ID,
  FakeDiscord,
  USER_ID,
  discordError,
  infoReply,
  papersReply,
} from "./fake-discord.js";

let fake: FakeDiscord;
let rest: REST;
let delivery: DiscordDelivery;

beforeEach(async () => {
  fake = await FakeDiscord.start();
  rest = new REST(discordRestOptions(fake.apiRoot)).setToken("x");
  delivery = new DiscordDelivery(rest);
});
afterEach(async () => {
  rest.clearHashSweeper();
  rest.clearHandlerSweeper();
  await fake.close();
});

const digest = () => papersReply(3, { title: "Today's picks", buttons: [], footer: undefined });
const channelPosts = (id: string) => fake.find("POST", new RegExp(`^/channels/${id}/messages$`));

describe("DiscordDelivery", () => {
  it("posts a digest to a channel with embeds, buttons and no mentions", async () => {
    expect(await delivery.send(CHANNEL_ID, digest())).toEqual({ ok: true });
    const [post] = channelPosts(CHANNEL_ID);
    expect(post?.body.content).toContain("Today's picks");
    expect(post?.body.embeds).toHaveLength(3);
    expect(post?.body.components).toHaveLength(3);
    expect(post?.body.allowed_mentions).toEqual({ parse: [] });
    expect(post?.authorization).toBe("Bot x");
  });

  it("opens the DM channel for `user:<id>` and posts there", async () => {
    expect(await delivery.send(`user:${USER_ID}`, digest())).toEqual({ ok: true });
    const [open] = fake.find("POST", /^\/users\/@me\/channels$/);
    expect(open?.body).toEqual({ recipient_id: USER_ID });
    expect(channelPosts(DM_CHANNEL_ID)).toHaveLength(1);
  });

  it("treats a bare id that is no channel as a user, and remembers their DM channel", async () => {
    fake.respond(
      "POST",
      new RegExp(`^/channels/${USER_ID}/messages$`),
      discordError(404, 10003, "Unknown Channel"),
    );
    expect(await delivery.send(USER_ID, digest())).toEqual({ ok: true });
    expect(await delivery.send(USER_ID, digest())).toEqual({ ok: true });
    expect(fake.find("POST", /^\/users\/@me\/channels$/)).toHaveLength(1);
    expect(channelPosts(DM_CHANNEL_ID)).toHaveLength(2);
  });

  it("reports a user who does not accept DMs (50007) as gone", async () => {
    fake.respond(
      "POST",
      /^\/channels\/\d+\/messages$/,
      discordError(403, 50007, "Cannot send messages to this user"),
    );
    const result = await delivery.send(`user:${USER_ID}`, digest());
    expect(result).toMatchObject({ ok: false, kind: "gone" });
    expect(!result.ok && result.reason).toContain("50007");
  });

  it.each([
    [10003, 404, "Unknown Channel"],
    [50001, 403, "Missing Access"],
  ])("reports %i as gone", async (code, status, message) => {
    fake.respond("POST", /^\/channels\/\d+\/messages$/, discordError(status, code, message));
    expect(await delivery.send(`channel:${CHANNEL_ID}`, infoReply("hi"))).toMatchObject({
      ok: false,
      kind: "gone",
    });
  });

  it("reports a deleted channel as gone even when its id is also tried as a user", async () => {
    fake.respond("POST", /^\/channels\/\d+\/messages$/, discordError(404, 10003, "Unknown Channel"));
    fake.respond("POST", /^\/users\/@me\/channels$/, discordError(400, 50035, "Invalid Form Body"));
    expect(await delivery.send(CHANNEL_ID, infoReply("hi"))).toMatchObject({ ok: false, kind: "gone" });
  });

  it("waits out a short 429 and delivers", async () => {
    fake.respond("POST", /^\/channels\/\d+\/messages$/, {
      status: 429,
      headers: { "retry-after": "0" },
      body: { message: "You are being rate limited.", retry_after: 0.01, global: false },
    });
    expect(await delivery.send(CHANNEL_ID, infoReply("hi"))).toEqual({ ok: true });
    expect(channelPosts(CHANNEL_ID)).toHaveLength(2);
  });

  it("hands a long 429 back as retry with the wait", async () => {
    fake.respond("POST", /^\/channels\/\d+\/messages$/, {
      status: 429,
      headers: { "retry-after": "600" },
      body: { message: "You are being rate limited.", retry_after: 600, global: false },
    });
    const result = await delivery.send(CHANNEL_ID, infoReply("hi"));
    expect(result).toMatchObject({ ok: false, kind: "retry" });
    expect(!result.ok && result.kind === "retry" && result.retryAfterMs).toBeGreaterThanOrEqual(600_000);
  });

  it("asks to retry after repeated server errors", async () => {
    const unavailable = { status: 503, body: { message: "Service Unavailable", code: 0 } };
    fake.respond("POST", /^\/channels\/\d+\/messages$/, unavailable, unavailable, unavailable, unavailable);
    expect(await delivery.send(CHANNEL_ID, infoReply("hi"))).toMatchObject({ ok: false, kind: "retry" });
  });

  it("reports other refusals as failed, without throwing", async () => {
    fake.respond("POST", /^\/channels\/\d+\/messages$/, discordError(403, 50013, "Missing Permissions"));
    expect(await delivery.send(CHANNEL_ID, infoReply("hi"))).toMatchObject({ ok: false, kind: "failed" });
  });

  it("refuses a chat id that is not a Discord id without calling Discord", async () => {
    expect(await delivery.send("../../guilds/1", infoReply("hi"))).toMatchObject({
      ok: false,
      kind: "failed",
    });
    expect(fake.requests).toHaveLength(0);
  });

  it("sends every message of a long digest and says how far it got when one fails", async () => {
    const long = papersReply(12, { buttons: [], footer: undefined });
    expect(await delivery.send(CHANNEL_ID, long)).toEqual({ ok: true });
    expect(channelPosts(CHANNEL_ID).flatMap((post) => post.body.embeds)).toHaveLength(12);

    fake.respond(
      "POST",
      /^\/channels\/\d+\/messages$/,
      { status: 200, body: {} },
      discordError(403, 50001, "Missing Access"),
    );
    const result = await delivery.send(CHANNEL_ID, long);
    expect(result).toMatchObject({ ok: false, kind: "gone" });
    expect(!result.ok && result.reason).toMatch(/^after 1 of \d messages/);
  });

  it("does not ask for a retry once part of a long digest went out, so no paper arrives twice", async () => {
    const long = papersReply(12, { buttons: [], footer: undefined });
    fake.respond(
      "POST",
      /^\/channels\/\d+\/messages$/,
      { status: 200, body: {} },
      discordError(500, 0, "Internal Server Error"),
      discordError(500, 0, "Internal Server Error"),
      discordError(500, 0, "Internal Server Error"),
      discordError(500, 0, "Internal Server Error"),
    );

    const result = await delivery.send(CHANNEL_ID, long);

    expect(result).toMatchObject({ ok: false, kind: "failed" });
    expect(!result.ok && result.reason).toMatch(/^after 1 of \d messages/);
  });
});
