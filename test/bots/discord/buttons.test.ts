import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  CHANNEL_ID,
  MANAGE_CHANNELS,
  USER_ID,
  buttonPress,
  errorReply,
  infoReply,
  papersReply,
  startHarness,
  type Harness,
} from "./fake-discord.js";

const EPHEMERAL = 64;
let h: Harness;

beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

describe("buttons", () => {
  it("👍 on a private reply runs the like action for the person who pressed it and answers privately", async () => {
    h.service.on("like:", infoReply("Noted: you'll see more papers like this one."));
    await h.inject(buttonPress("like:2410.10001", { ephemeral: true }));

    expect(h.service.actions.map((action) => action.input)).toEqual(["like:2410.10001"]);
    expect(h.service.actions[0]?.ctx.target).toEqual({ platform: "discord", kind: "user", id: USER_ID });
    const [defer] = h.fake.find("POST", /\/callback$/);
    expect(defer?.body).toEqual({ type: 5, data: { flags: EPHEMERAL } });
    const [edit] = h.fake.find("PATCH", /\/messages\/@original$/);
    expect(edit?.body.content).toBe("Noted: you'll see more papers like this one.");
  });

  it("👍 under a channel digest reaches the command layer for the channel when a manager presses it", async () => {
    h.service.on("like:", infoReply("Noted."));
    await h.inject(buttonPress("like:2410.10001", {}, { permissions: MANAGE_CHANNELS }));

    const ctx = h.service.actions[0]?.ctx;
    expect(ctx?.target).toEqual({ platform: "discord", kind: "channel", id: CHANNEL_ID });
    expect(ctx?.userId).toBe(USER_ID);
    expect(await ctx?.canManage()).toBe(true);
  });

  it("a non-manager's press under a channel digest also goes to the channel, for the command layer to redirect", async () => {
    h.service.on("dislike:", infoReply("Noted for your own picks."));
    await h.inject(buttonPress("dislike:2410.10001"));

    const ctx = h.service.actions[0]?.ctx;
    expect(ctx?.target).toEqual({ platform: "discord", kind: "channel", id: CHANNEL_ID });
    expect(await ctx?.canManage()).toBe(false);
    const [edit] = h.fake.find("PATCH", /\/messages\/@original$/);
    expect(edit?.body.content).toBe("Noted for your own picks.");
  });

  it("More like this in a DM acts for the person who pressed it", async () => {
    h.service.on("similar:", papersReply(1, { buttons: [], footer: undefined }));
    await h.inject(buttonPress("similar:2410.10001", {}, { in: "dm" }));

    expect(h.service.actions[0]?.ctx.target).toEqual({ platform: "discord", kind: "user", id: USER_ID });
  });

  it("Next page replaces the page in place", async () => {
    h.service.on(
      "find:",
      papersReply(3, { footer: "Page 2 of 3", buttons: [{ label: "Next page", action: "find:tok123:3" }] }),
    );
    await h.inject(buttonPress("find:tok123:2", { ephemeral: true }));

    expect(h.service.actions.map((action) => action.input)).toEqual(["find:tok123:2"]);
    const [defer] = h.fake.find("POST", /\/callback$/);
    expect(defer?.body).toEqual({ type: 6 });
    const [edit] = h.fake.find("PATCH", /\/messages\/@original$/);
    expect(edit?.body.embeds).toHaveLength(3);
    expect(edit?.body.embeds[2].footer.text).toContain("Page 2 of 3");
    expect(edit?.body.components.at(-1).components[0].custom_id).toBe("find:tok123:3");
    expect(h.fake.find("POST", /^\/webhooks\//)).toHaveLength(0);
  });

  it("an expired page keeps the page and explains privately", async () => {
    h.service.on("find:", errorReply("That page has expired", "Run /find again."));
    await h.inject(buttonPress("find:old:2"));

    expect(h.fake.find("PATCH", /\/messages\/@original$/)).toHaveLength(0);
    const [followUp] = h.fake.find("POST", /^\/webhooks\//);
    expect(followUp?.body.content).toContain("That page has expired");
    expect(followUp?.body.flags).toBe(EPHEMERAL);
  });

  it("More like this shows the similar papers privately", async () => {
    h.service.on(
      "similar:",
      papersReply(2, { title: "Similar to 2410.10001", buttons: [], footer: undefined }),
    );
    await h.inject(buttonPress("similar:2410.10001"));

    const [edit] = h.fake.find("PATCH", /\/messages\/@original$/);
    expect(edit?.body.content).toContain("Similar to 2410.10001");
    expect(edit?.body.embeds).toHaveLength(2);
  });
});
