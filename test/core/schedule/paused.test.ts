import { describe, expect, it } from "vitest";
import { pausedNoticeReply } from "../../../src/core/schedule/paused-notice.js";
import { FakeAdapter, deliveriesOf, fanOut, storeWith, subscription } from "./helpers.js";

const SLOT = Date.parse("2026-06-01T06:00:00Z"); // 08:00 in Paris
const day = (n: number) => new Date(SLOT + n * 86_400_000);

describe("targets that refuse delivery", () => {
  it("pauses a blocked target, skips it while paused, and resumes once the pause is cleared", async () => {
    const store = await storeWith({
      "telegram:user:7": subscription({ chatId: "7", ownerId: "7" }),
      "telegram:channel:-1009": subscription({ chatId: "-1009", ownerId: "55" }),
      "telegram:user:8": subscription({ chatId: "8", ownerId: "8" }),
    });
    const adapter = new FakeAdapter("telegram");
    adapter.answer = (chatId) =>
      chatId === "8"
        ? { ok: true }
        : { ok: false, kind: "gone", reason: "Forbidden: bot was blocked by the user" };

    const first = await fanOut({ store, now: day(0), adapters: { telegram: adapter } });
    expect(first).toMatchObject({ sent: 1, paused: 2 });
    expect(first.newlyPaused).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: "telegram:channel:-1009", ownerId: "55", canNotifyOwner: true }),
        expect.objectContaining({ key: "telegram:user:7", canNotifyOwner: false }),
      ]),
    );
    expect((await store.subscriptions.get("telegram:user:7"))?.paused?.reason).toMatch(/blocked/);

    const second = await fanOut({ store, now: day(1), adapters: { telegram: adapter } });
    expect(second).toMatchObject({ sent: 1, paused: 2, newlyPaused: [] });
    expect(adapter.sends.filter((send) => send.chatId === "7")).toHaveLength(1);

    // `/subscribe` in the command layer clears the pause.
    await store.subscriptions.put("telegram:user:7", subscription({ chatId: "7", ownerId: "7" }));
    adapter.answer = () => ({ ok: true });
    const third = await fanOut({ store, now: day(2), adapters: { telegram: adapter } });
    expect(third).toMatchObject({ sent: 2, paused: 1 });
    expect(adapter.sends.filter((send) => send.chatId === "7")).toHaveLength(2);
  });

  it("words a notice for the owner of a paused channel that says how to resume", () => {
    const reply = pausedNoticeReply({
      key: "discord:channel:9",
      target: { platform: "discord", kind: "channel", id: "9" },
      ownerId: "55",
      reason: "Missing Access",
      canNotifyOwner: true,
    });
    expect(reply.lines.join(" ")).toMatch(/Missing Access.*\/subscribe/);
  });

  it("tries again on a later tick the same day when the platform says retry, and forgets the claim", async () => {
    const store = await storeWith({ "telegram:user:42": subscription() });
    const adapter = new FakeAdapter("telegram");
    adapter.answer = () => ({
      ok: false,
      kind: "retry",
      reason: "Too Many Requests: retry after 30",
      retryAfterMs: 30_000,
    });

    const first = await fanOut({ store, now: day(0), adapters: { telegram: adapter } });
    expect(first).toMatchObject({ sent: 0, retry: 1 });
    expect((await store.deliveries.historyOf(["telegram:user:42"])).get("telegram:user:42")?.sent).toEqual(
      [],
    );
    expect(await deliveriesOf(store, "telegram:user:42")).toEqual([]);

    adapter.answer = () => ({ ok: true });
    const later = await fanOut({ store, now: new Date(SLOT + 60_000), adapters: { telegram: adapter } });
    expect(later).toMatchObject({ sent: 1 });
    expect(adapter.sends).toHaveLength(2);
  });

  it("counts a failed send as done for the day", async () => {
    const store = await storeWith({ "discord:user:42": subscription() });
    const adapter = new FakeAdapter("discord");
    adapter.answer = () => ({ ok: false, kind: "failed", reason: "Invalid Form Body" });
    await fanOut({ store, now: day(0), adapters: { discord: adapter } });
    await fanOut({ store, now: new Date(SLOT + 120_000), adapters: { discord: adapter } });
    expect(adapter.sends).toHaveLength(1);
    expect((await deliveriesOf(store, "discord:user:42"))[0]).toMatchObject({
      status: "failed",
      error: "Invalid Form Body",
    });
  });
});
