import type { Bot, BotError, Context } from "grammy";
import type { CommandService } from "../../core/commands/context.js";
import type { Reply } from "../../core/commands/reply.js";
import type { Logger } from "../../core/log.js";
import { APOLOGY, onboardingReply, SERVICE_COMMANDS, unknownInputReply } from "./commands.js";
import { type AdminCheck, toCommandContext } from "./context.js";
import { describeError } from "./errors.js";
import { renderReply } from "./render.js";
import { sendMessages } from "./send.js";

export interface HandlerDeps {
  service: CommandService;
  log: Logger;
  admins: AdminCheck;
  /** Only used to keep the token out of log lines. */
  token: string;
}

/** Telegram shows at most 200 characters in a callback answer. */
const TOAST_MAX = 200;

/**
 * Wires commands, buttons and the private-chat hint to the command layer, all behind one error
 * boundary, so polling, webhooks and `handleUpdate` treat failures alike.
 */
export function registerHandlers(bot: Bot, deps: HandlerDeps): void {
  const onError = (error: BotError) => handleUpdateError(error, deps);
  bot.catch(onError);
  const safe = bot.errorBoundary(onError);

  safe.command("start", async (ctx) => {
    const commandContext = toCommandContext(ctx, deps.admins);
    if (!commandContext) return;
    await reply(ctx, onboardingReply(await deps.service.interestsOf(commandContext.target)));
  });

  for (const { command } of SERVICE_COMMANDS) {
    safe.command(command, async (ctx) => {
      const commandContext = toCommandContext(ctx, deps.admins);
      if (!commandContext) return;
      const input = `${command} ${ctx.match}`.trim();
      deps.log.debug({ command, chatType: ctx.chat.type }, "telegram command");
      await reply(ctx, await deps.service.run(commandContext, input));
    });
  }

  safe.on("callback_query:data", async (ctx) => {
    const commandContext = toCommandContext(ctx, deps.admins);
    if (!commandContext) {
      await ctx.answerCallbackQuery({ text: "This button only works in a chat with the bot." });
      return;
    }
    const result = await deps.service.runAction(commandContext, ctx.callbackQuery.data);
    const toast = asToast(result);
    if (toast !== undefined) {
      await ctx.answerCallbackQuery({ text: toast });
      return;
    }
    await reply(ctx, result);
    await ctx.answerCallbackQuery();
  });

  safe.chatType("private").on("message:text", (ctx) => reply(ctx, unknownInputReply(ctx.message.text)));
}

async function reply(ctx: Context, result: Reply): Promise<void> {
  const chatId = ctx.chat?.id ?? ctx.callbackQuery?.message?.chat.id;
  if (chatId === undefined) return;
  await sendMessages(ctx.api, chatId, renderReply(result));
}

/** A short answer without cards or buttons fits in the little notice Telegram shows for a button. */
function asToast(result: Reply): string | undefined {
  if (result.cards.length > 0 || result.buttons.length > 0) return undefined;
  const text = [result.title, ...result.lines].filter(Boolean).join("\n");
  return text.length <= TOAST_MAX ? text : undefined;
}

/** The one place a failed update ends: one log line, and a polite answer to whoever is waiting. */
async function handleUpdateError(error: BotError, deps: HandlerDeps): Promise<void> {
  const ctx = error.ctx;
  deps.log.error(
    { updateId: ctx.update.update_id, chatId: ctx.chat?.id, err: describeError(error.error, deps.token) },
    "telegram update failed",
  );
  try {
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: APOLOGY.slice(0, TOAST_MAX) });
    else if (ctx.chat) await ctx.api.sendMessage(ctx.chat.id, APOLOGY);
  } catch (answerError) {
    deps.log.warn({ err: describeError(answerError, deps.token) }, "telegram apology not delivered");
  }
}
