import type { Logger } from "../../../src/core/log.js";
import {
  createTelegramBot,
  type TelegramBot,
  type TelegramBotOptions,
} from "../../../src/bots/telegram/bot.js";
import { BOT_INFO, FakeTelegram, parseTelegramHtml, type RecordedCall } from "./fake-telegram.js";
import { ScriptedCommandService } from "./scripted-service.js";

/** A well-formed but fake token; tests assert it never shows up in logs or errors. */
export const TOKEN = "123:abc";

export interface RecordingLogger extends Logger {
  lines: { level: string; obj: object | string; msg?: string }[];
  /** Every line as one string, to search for leaks. */
  text(): string;
}

export function recordingLogger(): RecordingLogger {
  const lines: RecordingLogger["lines"] = [];
  const at = (level: string) => (obj: object | string, msg?: string) => void lines.push({ level, obj, msg });
  return {
    lines,
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
    text: () => lines.map((line) => `${line.level} ${JSON.stringify(line.obj)} ${line.msg ?? ""}`).join("\n"),
  };
}

export interface Harness {
  fake: FakeTelegram;
  log: RecordingLogger;
  service: ScriptedCommandService;
  telegram: TelegramBot;
  close(): Promise<void>;
}

/** A real grammY bot wired to a scripted command layer and a fake Bot API. */
export async function startHarness(
  service = new ScriptedCommandService(),
  options: Partial<TelegramBotOptions> = {},
): Promise<Harness> {
  const fake = await FakeTelegram.start();
  const log = recordingLogger();
  const telegram = createTelegramBot({
    token: TOKEN,
    apiRoot: fake.apiRoot,
    service,
    log,
    botInfo: BOT_INFO,
    ...options,
  });
  return {
    fake,
    log,
    service,
    telegram,
    async close() {
      await telegram.stop();
      await fake.close();
    },
  };
}

/** What the reader sees of each message sent to `chatId`, in order. */
export function visibleTexts(fake: FakeTelegram, chatId: number): string[] {
  return fake
    .callsTo("sendMessage")
    .filter((call) => Number(call.payload.chat_id) === chatId)
    .map((call) => visibleText(call));
}

export function visibleText(call: RecordedCall): string {
  const text = String(call.payload.text);
  if (call.payload.parse_mode !== "HTML") return text;
  const parsed = parseTelegramHtml(text);
  if ("error" in parsed) throw new Error(`the bot sent HTML Telegram would refuse: ${parsed.error}`);
  return parsed.text;
}

/** The callback_data of every inline button of a sent message. */
export function buttonActions(call: RecordedCall): string[] {
  const markup = call.payload.reply_markup as
    { inline_keyboard?: { callback_data?: string }[][] } | undefined;
  return (markup?.inline_keyboard ?? []).flat().map((button) => button.callback_data ?? "");
}
