import { afterEach, describe, expect, it } from "vitest";
import { runWhileHeld } from "../../../src/app/held-job.js";
import { createTelegramBot, TelegramUnavailableError } from "../../../src/bots/telegram/bot.js";
import { TelegramTokenError } from "../../../src/bots/telegram/errors.js";
import type { JobLocks } from "../../../src/core/store/port.js";
import { FakeTelegram, telegramErrors } from "./fake-telegram.js";
import { recordingLogger, TOKEN } from "./harness.js";
import { infoReply, ScriptedCommandService } from "./scripted-service.js";
import { ALICE_DM, messageUpdate } from "./updates.js";

let fake: FakeTelegram;
const stops: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
  await fake.close();
});

/** Locks of a process alone with its store: every job is held at once. */
const aloneLocks: JobLocks = {
  tryHold: async () => ({ release: async () => {}, lost: new Promise<void>(() => {}) }),
};

function bot(options: { signal?: AbortSignal; held?: boolean } = {}) {
  const log = recordingLogger();
  const telegram = createTelegramBot({
    token: TOKEN,
    apiRoot: fake.apiRoot,
    service: new ScriptedCommandService(() => infoReply("Commands: /find")),
    log,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.held
      ? { pollWhile: (polling) => runWhileHeld(aloneLocks, "telegram-polling", polling, log) }
      : {}),
  });
  stops.push(() => telegram.stop());
  return { telegram, log };
}

async function timed<T>(work: Promise<T>): Promise<{ value: T | unknown; ms: number }> {
  const started = Date.now();
  const value = await work.catch((error: unknown) => error);
  return { value, ms: Date.now() - started };
}

describe("starting while the Bot API fails", () => {
  it("reports a 5xx from getMe at once as worth another try, without the token", async () => {
    fake = await FakeTelegram.start();
    fake.setFault("getMe", telegramErrors.serverError);
    const { telegram, log } = bot();

    const { value, ms } = await timed(telegram.start());

    expect(value).toBeInstanceOf(TelegramUnavailableError);
    expect((value as TelegramUnavailableError).reason).toContain("500");
    expect(fake.callsTo("getMe")).toHaveLength(1);
    expect(ms).toBeLessThan(2_000);
    expect(`${(value as Error).message} ${log.text()}`).not.toContain(TOKEN);
  });

  it("reports a network failure as worth another try, the token hidden in the URL it names", async () => {
    fake = await FakeTelegram.start();
    fake.setFault("getMe", "drop");
    const { telegram } = bot();

    const failure = (await telegram.start().catch((error: unknown) => error)) as TelegramUnavailableError;

    expect(failure).toBeInstanceOf(TelegramUnavailableError);
    expect(failure.reason).toMatch(/Network request for 'getMe' failed/);
    expect(failure.message).not.toContain(TOKEN);
  });

  it("still stops at once on a token Telegram refuses (403)", async () => {
    fake = await FakeTelegram.start();
    fake.setFault("getMe", { error_code: 403, description: "Forbidden" });
    const { telegram } = bot();

    await expect(telegram.start()).rejects.toBeInstanceOf(TelegramTokenError);
  });

  it("gives up a getMe that hangs as soon as its calls are cut", async () => {
    fake = await FakeTelegram.start();
    fake.setFault("*", "hang");
    const cutoff = new AbortController();
    const { telegram } = bot({ signal: cutoff.signal });
    const starting = timed(telegram.start());
    await fake.waitForCall("getMe");

    cutoff.abort();
    const { value, ms } = await starting;

    expect(value).toBeInstanceOf(Error);
    expect(ms).toBeLessThan(2_000);
  });
});

describe("polling while the Bot API fails", () => {
  it("warns as soon as getUpdates fails", async () => {
    fake = await FakeTelegram.start();
    const { telegram, log } = bot();
    await telegram.start();
    await fake.waitForCall("getUpdates");
    const failingFrom = fake.calls.length;
    fake.setFault("getUpdates", telegramErrors.serverError);
    // The poll under way answers; the next ones fail.
    fake.pushUpdate(messageUpdate("/help"));

    await expect
      .poll(() => log.lines.filter((line) => line.level === "warn").map((line) => line.msg), {
        timeout: 3_000,
      })
      .toEqual([
        expect.stringMatching(/^telegram getUpdates failed: 500 Internal Server Error; polling keeps trying/),
      ]);
    expect(fake.calls.slice(failingFrom).some((call) => call.method === "getUpdates")).toBe(true);
    expect(log.text()).not.toContain(TOKEN);
    fake.clearFault();
  });

  it("stops at once while polling cannot start because deleteWebhook hangs", async () => {
    fake = await FakeTelegram.start();
    fake.setFault("deleteWebhook", "hang");
    const { telegram } = bot({ held: true });
    await telegram.start();
    await fake.waitForCall("deleteWebhook");

    const { ms } = await timed(telegram.stop());

    expect(ms).toBeLessThan(1_000);
  });

  it("stops promptly once its calls are cut while every call hangs, a reply among them", async () => {
    fake = await FakeTelegram.start();
    const cutoff = new AbortController();
    const { telegram } = bot({ signal: cutoff.signal, held: true });
    await telegram.start();
    await fake.waitForCall("getUpdates");
    fake.setFault("*", "hang");
    fake.pushUpdate(messageUpdate("/help"));
    await fake.waitForCall("sendMessage", (payload) => payload.chat_id === ALICE_DM.id);

    const stopping = timed(telegram.stop());
    setTimeout(() => cutoff.abort(), 300);
    const { ms } = await stopping;

    expect(ms).toBeGreaterThanOrEqual(250);
    expect(ms).toBeLessThan(1_500);
  });
});
