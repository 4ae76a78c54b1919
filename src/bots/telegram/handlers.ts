import { GrammyError } from "grammy";
import type { Bot, BotError, Context } from "grammy";
import type { CommandContext, CommandService } from "../../core/commands/context.js";
import type { Reply, VoteTally } from "../../core/commands/reply.js";
import type { Logger } from "../../core/log.js";
import {
  APOLOGY,
  documentHintReply,
  onboardingReply,
  SERVICE_COMMANDS,
  unknownInputReply,
} from "./commands.js";
import { type AdminCheck, toCommandContext, topicOf } from "./context.js";
import { grammySignal } from "./api-calls.js";
import { asksForImport, captionArgs, documentName, downloadFailedReply, fetchDocument } from "./documents.js";
import { describeError } from "./errors.js";
import { renderReply } from "./render.js";
import { sendMessages } from "./send.js";
import { sendReplyWithFile } from "./send-file.js";
import { withVoteTotals } from "./vote-markup.js";

export interface HandlerDeps {
  service: CommandService;
  log: Logger;
  admins: AdminCheck;
  /** Used to download the files users send, and kept out of every log line. */
  token: string;
  /** The Bot API root files are downloaded from, e.g. `https://api.telegram.org`. */
  apiRoot: string;
}

/** Telegram shows at most 200 characters in a callback answer. */
const TOAST_MAX = 200;
/** Button actions that are a member's vote in a group: the pressed message's buttons then show the totals. */
const VOTE_ACTIONS = ["like:", "dislike:"];
/** Telegram's answer to an edit that changes nothing (two presses racing to the same totals). */
const NOT_MODIFIED = "message is not modified";
/**
 * How long labelling votes may take, rate-limit waits included: updates are handled one at a time,
 * and cosmetic labels must not hold up everyone else's (the next vote labels the message anyway).
 */
export const VOTE_LABEL_TIMEOUT_MS = 5_000;

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
    const action = ctx.callbackQuery.data;
    const result = await deps.service.runAction(commandContext, action);
    const toast = asToast(result);
    if (toast !== undefined) {
      await ctx.answerCallbackQuery({ text: toast });
    } else {
      await reply(ctx, result);
      await ctx.answerCallbackQuery();
    }
    const isVote = VOTE_ACTIONS.some((prefix) => action.startsWith(prefix));
    if (result.votes && isVote && commandContext.target.kind === "channel")
      await showVotes(ctx, result.votes, deps);
  });

  // A caption command is not a command to grammY (only text entities are), so documents come here.
  safe.on(":document", async (ctx) => {
    if (!asksForImport(ctx.msg, ctx.me)) {
      if (ctx.chat.type === "private") await reply(ctx, documentHintReply());
      return;
    }
    const commandContext = toCommandContext(ctx, deps.admins);
    if (!commandContext) return;
    const { document } = ctx.msg;
    let attachment: CommandContext["attachment"];
    try {
      attachment = await fetchDocument(document, { api: ctx.api, apiRoot: deps.apiRoot, token: deps.token });
    } catch (error) {
      // describeError redacts the token, which the download URL and grammY's errors may carry.
      deps.log.warn(
        { chatId: ctx.chat.id, size: document.file_size, err: describeError(error, deps.token) },
        "telegram document download failed",
      );
      await reply(ctx, downloadFailedReply(documentName(document)));
      return;
    }
    deps.log.debug(
      { command: "import", chatType: ctx.chat.type, bytes: attachment.bytes },
      "telegram import file",
    );
    // Ids typed beside the file go along: the command layer refuses the pair rather than drop them.
    const input = `import ${captionArgs(ctx.msg)}`.trim();
    await reply(ctx, await deps.service.run({ ...commandContext, attachment }, input));
  });

  safe.chatType("private").on("message:text", (ctx) => reply(ctx, unknownInputReply(ctx.message.text)));
}

async function reply(ctx: Context, result: Reply): Promise<void> {
  const chatId = ctx.chat?.id ?? ctx.callbackQuery?.message?.chat.id;
  if (chatId === undefined) return;
  const { file } = result;
  // A command typed in a forum topic is answered in that topic, not in General.
  const topicId = topicOf(ctx);
  if (file) await sendReplyWithFile(ctx.api, chatId, { ...result, file });
  else await sendMessages(ctx.api, chatId, renderReply(result), topicId ? Number(topicId) : undefined);
}

/**
 * Labels the paper's 👍 and 👎 under the pressed message with its vote totals, after the member got
 * their answer. A failed edit loses only the labels (the vote is stored and confirmed), so it is
 * logged, not apologised for.
 */
async function showVotes(ctx: Context, votes: VoteTally, deps: HandlerDeps): Promise<void> {
  const message = ctx.callbackQuery?.message;
  // An inaccessible message (too old, or deleted) comes without its keyboard: there is nothing to label.
  const keyboard = message && "reply_markup" in message ? message.reply_markup?.inline_keyboard : undefined;
  const updated = keyboard && withVoteTotals(keyboard, votes);
  if (!message || !updated) return;
  try {
    await ctx.api.editMessageReplyMarkup(
      message.chat.id,
      message.message_id,
      { reply_markup: { inline_keyboard: updated } },
      grammySignal(AbortSignal.timeout(VOTE_LABEL_TIMEOUT_MS)),
    );
  } catch (error) {
    if (error instanceof GrammyError && error.description.includes(NOT_MODIFIED)) return;
    deps.log.warn(
      { chatId: message.chat.id, err: describeError(error, deps.token) },
      "telegram vote totals not shown on the message",
    );
  }
}

/** A short answer without cards or buttons fits in the little notice Telegram shows for a button. */
function asToast(result: Reply): string | undefined {
  if (result.cards.length > 0 || result.buttons.length > 0 || result.file) return undefined;
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
