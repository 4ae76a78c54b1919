import { afterEach, describe, expect, it } from "vitest";
import { startWebhook, type RunningWebhook } from "../../../src/bots/telegram/transport.js";
import { type Harness, startHarness, TOKEN, visibleTexts } from "./harness.js";
import { infoReply, ScriptedCommandService } from "./scripted-service.js";
import { ALICE_DM, messageUpdate } from "./updates.js";

const SECRET = "webhook_secret-42";
const WEBHOOK_URL = "https://bot.example.com/telegram/updates";

let harness: Harness;
let webhook: RunningWebhook | undefined;

afterEach(async () => {
  await webhook?.stop();
  webhook = undefined;
  await harness.close();
});

async function startServer(): Promise<string> {
  harness = await startHarness(new ScriptedCommandService(() => infoReply("Here is how paperboy works.")));
  webhook = await startWebhook(
    harness.telegram.bot,
    { url: WEBHOOK_URL, secret: SECRET, port: 0, host: "127.0.0.1" },
    harness.log,
    TOKEN,
  );
  return `http://127.0.0.1:${webhook.port}/telegram/updates`;
}

function post(url: string, body: string, secret?: string): Promise<Response> {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (secret !== undefined) headers["X-Telegram-Bot-Api-Secret-Token"] = secret;
  return fetch(url, { method: "POST", headers, body });
}

describe("webhook transport", () => {
  it("registers the URL and secret with setWebhook", async () => {
    await startServer();
    expect(harness.fake.callsTo("setWebhook")[0]?.payload).toMatchObject({
      url: WEBHOOK_URL,
      secret_token: SECRET,
    });
  });

  it("handles an update that carries the right secret header", async () => {
    const url = await startServer();
    const response = await post(url, JSON.stringify(messageUpdate("/help")), SECRET);

    expect(response.status).toBe(200);
    expect(harness.service.last().input).toBe("help");
    expect(visibleTexts(harness.fake, ALICE_DM.id)).toEqual(["Here is how paperboy works."]);
  });

  it.each([
    ["a wrong secret", "guessed"],
    ["no secret", undefined],
  ])("rejects a request with %s", async (_name, secret) => {
    const url = await startServer();
    const response = await post(url, JSON.stringify(messageUpdate("/help")), secret);

    expect(response.status).toBe(401);
    expect(harness.service.received).toEqual([]);
  });

  it("answers other paths, other methods and broken bodies without touching the bot", async () => {
    const url = await startServer();
    const root = url.replace("/telegram/updates", "/");

    expect((await post(root, "{}", SECRET)).status).toBe(404);
    expect((await fetch(url)).status).toBe(405);
    expect((await post(url, "{not json", SECRET)).status).toBe(400);
    expect(harness.service.received).toEqual([]);
  });

  it("refuses a secret Telegram would not accept, naming the valid form", async () => {
    harness = await startHarness();
    const start = startWebhook(
      harness.telegram.bot,
      { url: WEBHOOK_URL, secret: "has spaces!", port: 0 },
      harness.log,
      TOKEN,
    );
    await expect(start).rejects.toThrow(
      /TELEGRAM_WEBHOOK_SECRET must be 1–256 characters made of A–Z, a–z, 0–9, _ and -/,
    );
  });

  it("starts in webhook mode through createTelegramBot when a webhook is configured", async () => {
    harness = await startHarness(undefined, {
      webhook: { url: WEBHOOK_URL, secret: SECRET, port: 0, host: "127.0.0.1" },
    });
    await harness.telegram.start();

    expect(harness.fake.callsTo("setWebhook")).toHaveLength(1);
    expect(harness.fake.callsTo("getUpdates")).toEqual([]);
    expect(harness.fake.callsTo("deleteWebhook")).toEqual([]);
  });
});
