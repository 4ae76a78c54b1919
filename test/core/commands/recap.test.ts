import { beforeEach, describe, expect, it } from "vitest";
import type { Reply } from "../../../src/core/commands/reply.js";
import { channelContext, harness, type Harness } from "./harness.js";

const channelKey = "discord:channel:900";
const text = (reply: Reply): string => [reply.title ?? "", ...reply.lines, reply.footer ?? ""].join("\n");
const manager = channelContext(true);
const member = channelContext(false);

let h: Harness;
beforeEach(async () => {
  h = await harness();
});

// The harness's clock: Tuesday 2024-12-03 07:00 UTC, 16:00 in Tokyo.
describe("/channel recap", () => {
  it("is for channels and groups only", async () => {
    const reply = await h.run("recap on");
    expect(reply.kind).toBe("error");
    expect(text(reply)).toMatch("Weekly recaps are for channels and groups: use /recap on there.");
  });

  it("needs the channel's subscription first", async () => {
    expect(text(await h.run("recap on", manager))).toMatch(
      "Subscribe this channel first: /channel subscribe",
    );
    expect(text(await h.run("recap", member))).toMatch("Subscribe this channel first");
  });

  it("turns on at Fridays 16:00 in the subscription's zone, and says when the first one comes", async () => {
    await h.run("subscribe tz Asia/Tokyo", manager);
    const reply = await h.run("recap on", manager);
    expect(reply.kind).toBe("info");
    expect(text(reply)).toMatch("Weekly recap on: Fridays at 16:00 (Asia/Tokyo)");
    expect(text(reply)).toMatch("The next one: 2024-12-06 at 16:00 (Asia/Tokyo)");
    expect((await h.store.subscriptions.get(channelKey))?.recap).toMatchObject({
      day: "friday",
      time: "16:00",
    });
    expect(text(await h.run("recap", member))).toMatch("Weekly recap: on, Fridays at 16:00 (Asia/Tokyo)");
  });

  it("lets only managers change it, while anyone may look", async () => {
    await h.run("subscribe", manager);
    expect(text(await h.run("recap on", member))).toMatch(
      /only people who manage this channel can change its weekly recap/,
    );
    expect(text(await h.run("recap off", member))).toMatch(/only people who manage/);
    expect(text(await h.run("recap", member))).toMatch("Weekly recap: off.");
    expect((await h.store.subscriptions.get(channelKey))?.recap).toBeUndefined();
  });

  it("takes a day and a time, keeps what is not given, and survives /subscribe changes", async () => {
    await h.run("subscribe tz Asia/Tokyo", manager);
    expect(text(await h.run("recap on day Mon time 9:30", manager))).toMatch("Mondays at 09:30 (Asia/Tokyo)");
    expect(text(await h.run("recap on time 18:00", manager))).toMatch(
      "Weekly recap updated: Mondays at 18:00",
    );
    await h.run("subscribe count 3", manager);
    expect(text(await h.run("settings", member))).toMatch("Weekly recap: on, Mondays at 18:00 (Asia/Tokyo)");
  });

  it("does not send this week's recap when turned on after this week's slot", async () => {
    await h.run("subscribe tz Asia/Tokyo", manager);
    // Tuesday 15:00 Tokyo passed an hour ago: the first recap is next week's.
    expect(text(await h.run("recap on day tuesday time 15:00", manager))).toMatch(
      "The next one: 2024-12-10 at 15:00 (Asia/Tokyo)",
    );
    expect(text(await h.run("recap on time 17:00", manager))).toMatch(
      "The next one: 2024-12-10 at 17:00 (Asia/Tokyo)",
    );
    await h.run("recap off", manager);
    expect(text(await h.run("recap on day tuesday time 17:00", manager))).toMatch(
      "The next one: 2024-12-03 at 17:00 (Asia/Tokyo)",
    );
  });

  it("refuses a bad day, time or word with the valid form", async () => {
    await h.run("subscribe", manager);
    for (const [input, problem] of [
      ["recap on day funday", "“funday” is not a day of the week"],
      ["recap on time 25:00", "“25:00” is not a time. Use HH:MM in 24-hour form"],
      ["recap on day", "day needs a value"],
      ["recap on day friday day monday", "day is given twice"],
      ["recap on hour 9", "“hour” is not an option"],
      ["recap maybe", "“maybe” is not on or off"],
      ["recap off now", "off takes no options"],
    ]) {
      const reply = await h.run(input ?? "", manager);
      expect(reply.kind).toBe("error");
      expect(text(reply)).toMatch(problem ?? "");
      expect(text(reply)).toMatch("Use /channel recap on [day friday] [time 16:00], or /channel recap off.");
    }
    expect((await h.store.subscriptions.get(channelKey))?.recap).toBeUndefined();
  });

  it("turns off, and /settings shows it off", async () => {
    await h.run("subscribe", manager);
    await h.run("recap on", manager);
    expect(text(await h.run("recap off", manager))).toMatch("Weekly recap off.");
    expect((await h.store.subscriptions.get(channelKey))?.recap).toBeUndefined();
    expect(text(await h.run("recap off", manager))).toMatch("off already");
    expect(text(await h.run("settings", member))).toMatch("Weekly recap: off. /channel recap on posts");
    // A person's own settings have no recap line.
    expect(text(await h.run("settings"))).not.toMatch("Weekly recap");
  });
});
