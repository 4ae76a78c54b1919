import { afterEach, describe, expect, it } from "vitest";
import { FakeTelegram, telegramErrors, type TelegramApiError } from "./fake-telegram.js";
import { type Harness, startHarness, TOKEN, visibleTexts } from "./harness.js";
import { infoReply, paperCard, resultsReply } from "./scripted-service.js";
import { ALICE_DM, READING_GROUP } from "./updates.js";

let harness: Harness;

afterEach(async () => {
  await harness.close();
});

describe("TelegramDelivery", () => {
  it("posts a digest as HTML with its buttons", async () => {
    harness = await startHarness();
    const result = await harness.telegram.delivery.send(
      String(READING_GROUP.id),
      resultsReply("today", [paperCard("2410.1")]),
    );

    expect(result).toEqual({ ok: true });
    expect(visibleTexts(harness.fake, READING_GROUP.id)[0]).toContain(
      "Graph neural networks for paper 2410.1",
    );
    expect(harness.telegram.delivery.platform).toBe("telegram");
  });

  const goneCases: [string, TelegramApiError][] = [
    ["a user who blocked the bot", telegramErrors.blocked],
    ["a chat that no longer exists", telegramErrors.chatNotFound],
    ["a group that removed the bot", telegramErrors.kicked],
    ["a deleted account", telegramErrors.deactivated],
  ];
  it.each(goneCases)("reports %s as gone", async (_name, error) => {
    harness = await startHarness();
    harness.fake.failNext("sendMessage", error);

    const result = await harness.telegram.delivery.send(String(ALICE_DM.id), infoReply("Your digest"));

    expect(result).toMatchObject({ ok: false, kind: "gone" });
    expect(result.ok === false && result.reason).toContain(error.description);
    expect(harness.fake.callsTo("sendMessage")).toHaveLength(1);
  });

  it("waits out a 429 retry_after and then delivers", async () => {
    harness = await startHarness();
    harness.fake.failNext("sendMessage", telegramErrors.tooManyRequests(1));

    const result = await harness.telegram.delivery.send(String(ALICE_DM.id), infoReply("Your digest"));

    expect(result).toEqual({ ok: true });
    expect(harness.fake.callsTo("sendMessage")).toHaveLength(2);
  });

  it("gives up after three retries of a lasting rate limit and says when to try again", async () => {
    harness = await startHarness();
    harness.fake.failNext("sendMessage", telegramErrors.tooManyRequests(1), 10);

    const result = await harness.telegram.delivery.send(String(ALICE_DM.id), infoReply("Your digest"));

    expect(result).toMatchObject({ ok: false, kind: "retry", retryAfterMs: 1000 });
    expect(harness.fake.callsTo("sendMessage")).toHaveLength(4);
  });

  it("hands a long retry_after back to the scheduler instead of waiting", async () => {
    harness = await startHarness();
    harness.fake.failNext("sendMessage", telegramErrors.tooManyRequests(3600));

    const result = await harness.telegram.delivery.send(String(ALICE_DM.id), infoReply("Your digest"));

    expect(result).toMatchObject({ ok: false, kind: "retry", retryAfterMs: 3_600_000 });
    expect(harness.fake.callsTo("sendMessage")).toHaveLength(1);
  });

  it("does not ask for a retry once part of a long digest went out, so no paper arrives twice", async () => {
    harness = await startHarness();
    let calls = 0;
    harness.fake.answer("sendMessage", (payload) =>
      ++calls === 1
        ? {
            ok: true,
            result: { message_id: 1, date: 0, chat: { id: payload.chat_id, type: "private" }, text: "…" },
          }
        : telegramErrors.tooManyRequests(3600),
    );
    const longCards = Array.from({ length: 10 }, (_, i) =>
      paperCard(`2410.${i}`, { excerpt: "word ".repeat(200) }),
    );

    const result = await harness.telegram.delivery.send(
      String(ALICE_DM.id),
      resultsReply("today", longCards),
    );

    expect(calls).toBe(2);
    expect(result).toMatchObject({ ok: false, kind: "failed" });
    expect(result.ok === false && result.reason).toMatch(/^after 1 of \d+ messages/);
  });

  it("reports a refused message as failed, not gone", async () => {
    harness = await startHarness();
    harness.fake.failNext("sendMessage", telegramErrors.messageTooLong);

    const result = await harness.telegram.delivery.send(String(ALICE_DM.id), infoReply("Your digest"));

    expect(result).toMatchObject({ ok: false, kind: "failed" });
  });

  it("never throws when the Bot API cannot be reached, and keeps the token out of the reason", async () => {
    harness = await startHarness();
    const unreachable = await FakeTelegram.start();
    await unreachable.close();
    const cutOff = await startHarness(undefined, { apiRoot: unreachable.apiRoot });

    const result = await cutOff.telegram.delivery.send(String(ALICE_DM.id), infoReply("Your digest"));
    await cutOff.close();

    expect(result).toMatchObject({ ok: false, kind: "retry" });
    expect(result.ok === false && result.reason).toContain("<redacted>");
    expect(JSON.stringify(result)).not.toContain(TOKEN);
    expect(cutOff.log.text()).not.toContain(TOKEN);
  });
});
