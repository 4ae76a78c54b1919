import { describe, expect, it } from "vitest";
import { configSecrets, describeConfig, loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { fakeDiscordToken, fakeTelegramToken, fakeWebhookSecret } from "../config/fakeTokens.js";
import { captureStream } from "./captureStream.js";

const telegramToken = fakeTelegramToken();
const discordToken = fakeDiscordToken();
const webhookSecret = fakeWebhookSecret();
const config = loadConfig({
  TELEGRAM_BOT_TOKEN: telegramToken,
  DISCORD_TOKEN: discordToken,
  TELEGRAM_WEBHOOK_URL: "https://bot.example.org/telegram",
  TELEGRAM_WEBHOOK_SECRET: webhookSecret,
  LOG_LEVEL: "trace",
});
const secrets = [telegramToken, discordToken, webhookSecret];
const telegramUrl = `https://api.telegram.org/bot${telegramToken}/sendMessage`;

class HttpError extends Error {
  constructor(
    message: string,
    readonly url: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Logs the configuration and its tokens through every path the application uses. */
function logEverything(production: boolean): string {
  const output = captureStream();
  const log = createLogger({
    level: config.logLevel,
    production,
    secrets: configSecrets(config),
    destination: output,
  });
  log.info(describeConfig(config));
  log.info({ config }, "configuration loaded");
  log.debug(config, "configuration as the merging object");
  log.info(`calling ${telegramUrl}`);
  log.info("calling %s with %o", telegramUrl, { auth: `Bot ${discordToken}` });
  const failure = new HttpError(`Network request for 'sendMessage' failed: ${telegramUrl}`, telegramUrl, {
    cause: new Error(`connect ECONNREFUSED while posting to ${telegramUrl}`),
  });
  log.error(failure);
  log.error({ err: failure, target: "telegram:chat:1" }, "delivery failed");
  log.warn({ error: { message: `401 for Bot ${discordToken}` } }, "discord refused the token");
  const child = log.child({ adapter: "telegram", token: telegramToken, apiRoot: telegramUrl });
  child.info({ [`key-${discordToken}`]: true }, "child with token bindings");
  child
    .child({ discord: config.discord })
    .trace({ encoded: encodeURIComponent(telegramToken) }, "grandchild");
  log.fatal(`webhook secret ${webhookSecret} rejected`);
  return output.text();
}

describe.each([
  ["JSON", true],
  ["pretty", false],
])("tokens never reach the %s log output", (_mode, production) => {
  const text = logEverything(production);

  it("keeps every token and secret out of every line", () => {
    // Asserting on a boolean keeps a leaked value out of the failure report too.
    for (const secret of [...secrets, encodeURIComponent(telegramToken)]) {
      expect(text.includes(secret), `secret #${secrets.indexOf(secret)} reached the log`).toBe(false);
    }
  });

  it("still logs everything else", () => {
    expect(text).toContain("discord on (token set");
    expect(text).toContain("configuration loaded");
    expect(text).toContain("https://api.telegram.org/bot[Redacted]/sendMessage");
    expect(text).toContain("ECONNREFUSED");
    expect(text).toContain("grandchild");
    expect(text).toContain("webhook secret [Redacted] rejected");
    expect(text).toMatch(/at logEverything/);
  });
});
