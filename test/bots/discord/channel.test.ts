import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  CHANNEL_ID,
  MANAGE_CHANNELS,
  USER_ID,
  chatCommand,
  infoReply,
  options,
  startHarness,
  type Harness,
} from "./fake-discord.js";

const EPHEMERAL = 64;
const ADMIN = { permissions: MANAGE_CHANNELS };
let h: Harness;

beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

describe("/channel", () => {
  it.each([
    {
      sub: ["subscribe"],
      opts: options({ time: "09:30", timezone: "Asia/Tokyo", count: 3 }),
      input: "subscribe time 09:30 tz Asia/Tokyo count 3",
    },
    { sub: ["unsubscribe"], opts: [], input: "unsubscribe" },
    { sub: ["settings"], opts: [], input: "settings" },
    { sub: ["picks"], opts: [], input: "picks" },
    {
      sub: ["interests", "add"],
      opts: options({ phrase: "protein folding" }),
      input: "interests add protein folding",
    },
    {
      sub: ["interests", "remove"],
      opts: options({ phrase: "protein folding" }),
      input: "interests remove protein folding",
    },
    { sub: ["interests", "list"], opts: [], input: "interests list" },
    { sub: ["interests", "clear"], opts: [], input: "interests clear" },
    { sub: ["follow"], opts: options({ name: "Fei-Fei Li" }), input: "follow Fei-Fei Li" },
    { sub: ["unfollow"], opts: options({ name: "Fei-Fei Li" }), input: "unfollow Fei-Fei Li" },
    { sub: ["mute"], opts: options({ phrase: "crypto" }), input: "mute crypto" },
    { sub: ["unmute"], opts: options({ phrase: "crypto" }), input: "unmute crypto" },
    { sub: ["categories"], opts: options({ categories: "all" }), input: "categories all" },
    {
      sub: ["recap", "on"],
      opts: options({ day: "monday", time: "09:30" }),
      input: "recap on day monday time 09:30",
    },
    { sub: ["recap", "on"], opts: [], input: "recap on" },
    { sub: ["recap", "off"], opts: [], input: "recap off" },
    { sub: ["recap", "show"], opts: [], input: "recap" },
  ])("/channel $sub acts on the channel: $input", async ({ sub, opts, input }) => {
    await h.inject(chatCommand("channel", sub, opts, ADMIN));
    expect(h.service.runs.map((run) => run.input)).toEqual([input]);
    const ctx = h.service.runs[0]?.ctx;
    expect(ctx?.target).toEqual({ platform: "discord", kind: "channel", id: CHANNEL_ID });
    expect(ctx?.userId).toBe(USER_ID);
    expect(await ctx?.canManage()).toBe(true);
  });

  it("refuses members without Manage Channels, without calling the command layer", async () => {
    await h.inject(chatCommand("channel", ["interests", "add"], options({ phrase: "spam" })));
    expect(h.service.runs).toEqual([]);
    const [reply] = h.fake.find("POST", /\/callback$/);
    expect(reply?.body.data.content).toContain("Manage Channels");
    expect(reply?.body.data.flags).toBe(EPHEMERAL);
  });

  it("refuses in DMs and points to the personal commands", async () => {
    await h.inject(chatCommand("channel", ["subscribe"], [], { in: "dm" }));
    expect(h.service.runs).toEqual([]);
    const [reply] = h.fake.find("POST", /\/callback$/);
    expect(reply?.body.data.content).toContain("only works inside a server channel");
    expect(reply?.body.data.content).toContain("/subscribe");
  });

  it("keeps channel replies ephemeral unless the command layer marks them public", async () => {
    h.service.on("interests list", infoReply("This channel follows: protein folding"));
    h.service.on("subscribe", {
      ...infoReply("This channel gets a digest at 09:30 Asia/Tokyo."),
      private: false,
    });

    await h.inject(chatCommand("channel", ["interests", "list"], [], ADMIN));
    expect(h.fake.find("POST", /^\/webhooks\//)).toHaveLength(0);

    await h.inject(chatCommand("channel", ["subscribe"], options({ time: "09:30" }), ADMIN));
    const [announcement] = h.fake.find("POST", /^\/webhooks\//);
    expect(announcement?.body.content).toBe("This channel gets a digest at 09:30 Asia/Tokyo.");
    expect((announcement?.body.flags ?? 0) & EPHEMERAL).toBe(0);
  });

  it("registers with Manage Channels as the default and only for servers", async () => {
    const { commandDefinitions } = await import("../../../src/bots/discord/commands/index.js");
    const channel = commandDefinitions().find((command) => command.name === "channel");
    expect(channel?.default_member_permissions).toBe(String(MANAGE_CHANNELS));
    expect(channel?.contexts).toEqual([0]);
  });
});
