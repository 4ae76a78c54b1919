import { MessageFlags, MessageFlagsBitField, Routes } from "discord.js";
import type {
  APIMessageTopLevelComponent,
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  Interaction,
  RepliableInteraction,
} from "discord.js";
import type { CommandContext, CommandService } from "../../core/commands/context.js";
import type { Reply, VoteTally } from "../../core/commands/reply.js";
import type { Logger } from "../../core/log.js";
import { downloadFailedMessage, fetchAttachment } from "./attachment.js";
import { markChannelPaging, readButton } from "./button-scope.js";
import { slashCommands } from "./commands/index.js";
import { MAX_CHOICES } from "./commands/types.js";
import type { AttachmentRef, CommandScope, SlashCommand } from "./commands/types.js";
import { commandContextFor } from "./context.js";
import { describeError, isSpentInteraction } from "./discord-errors.js";
import { renderReply } from "./render.js";
import { withReplyFile } from "./reply-file.js";
import { withVoteTotals } from "./vote-buttons.js";

const NO_MENTIONS = { parse: [] };
/** Button actions that page through a reply: they replace the message they sit on. */
const PAGING_ACTIONS = ["find:", "saved:"];
/** Button actions that are a member's vote under a channel's message: its buttons then show the totals. */
const VOTE_ACTIONS = ["like:", "dislike:"];
/** How long labelling votes may take, rate-limit waits included: shutdown waits for it, and the next vote labels anyway. */
export const VOTE_LABEL_TIMEOUT_MS = 5_000;

export const APOLOGY =
  "Sorry, something went wrong while answering that. Please try again in a minute; " +
  "if it keeps failing, let the people who run paperboy know.";
export const UNKNOWN_COMMAND =
  "I don't know that command; it may have been renamed. Type /help to see what I can do.";
export const POSTED_PUBLICLY = "Posted in this channel for everyone.";

export interface InteractionDeps {
  service: CommandService;
  log: Logger;
  commands?: readonly SlashCommand[];
}

/**
 * Answers every interaction paperboy receives, and is its one error boundary: a failure becomes a
 * polite ephemeral message and one log line, never an unhandled rejection.
 */
export class InteractionRouter {
  readonly #service: CommandService;
  readonly #log: Logger;
  readonly #commands: readonly SlashCommand[];
  readonly #pending = new Set<Promise<void>>();

  constructor(deps: InteractionDeps) {
    this.#service = deps.service;
    this.#log = deps.log;
    this.#commands = deps.commands ?? slashCommands;
  }

  /** Handles one interaction. Never rejects. */
  handle(interaction: Interaction): Promise<void> {
    const handling = this.#route(interaction)
      .catch((error: unknown) => this.#fail(interaction, error))
      // The apology itself can fail to reach Discord; the first failure is already logged.
      .catch(() => {})
      .finally(() => this.#pending.delete(handling));
    this.#pending.add(handling);
    return handling;
  }

  /** Resolves once every interaction received so far has been answered (used on shutdown). */
  async idle(): Promise<void> {
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
  }

  async #route(interaction: Interaction): Promise<void> {
    if (interaction.isChatInputCommand()) await this.#command(interaction);
    else if (interaction.isButton()) await this.#button(interaction);
    else if (interaction.isAutocomplete()) await this.#autocomplete(interaction);
  }

  async #command(interaction: ChatInputCommandInteraction): Promise<void> {
    const command = this.#find(interaction.commandName);
    const request = command
      ? command.toRequest(interaction)
      : { kind: "refuse" as const, message: UNKNOWN_COMMAND };
    if (request.kind === "refuse") {
      await interaction.reply({
        content: request.message,
        flags: MessageFlags.Ephemeral,
        allowedMentions: NO_MENTIONS,
      });
      return;
    }
    // Deferred first: a file download alone can outlast Discord's 3 s to acknowledge.
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const ctx = commandContextFor(interaction, request.scope);
    if (request.attachment) {
      const attachment = await this.#download(interaction, request.attachment);
      if (!attachment) return;
      ctx.attachment = attachment;
    }
    const reply = await this.#service.run(ctx, request.input);
    await sendAfterEphemeralDefer(interaction, scoped(reply, ctx));
  }

  /** The file, or undefined once the user has been told it could not be fetched. */
  async #download(
    interaction: ChatInputCommandInteraction,
    ref: AttachmentRef,
  ): Promise<CommandContext["attachment"]> {
    try {
      return await fetchAttachment(ref);
    } catch (error) {
      // The attachment URL carries signed parameters: only the reason is logged.
      this.#log.warn(
        { interaction: describeInteraction(interaction), size: ref.size, err: describeError(error) },
        "Discord attachment download failed",
      );
      await interaction.editReply({ content: downloadFailedMessage(ref.name), allowedMentions: NO_MENTIONS });
      return undefined;
    }
  }

  async #button(interaction: ButtonInteraction): Promise<void> {
    const { action } = readButton(interaction.customId);
    if (PAGING_ACTIONS.some((prefix) => action.startsWith(prefix))) {
      await this.#turnPage(interaction, action);
      return;
    }
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const ctx = commandContextFor(interaction, buttonScope(interaction));
    const reply = await this.#service.runAction(ctx, action);
    await sendAfterEphemeralDefer(interaction, scoped(reply, ctx));
    const isVote = VOTE_ACTIONS.some((prefix) => action.startsWith(prefix));
    if (reply.votes && isVote && ctx.target.kind === "channel")
      await this.#showVotes(interaction, reply.votes);
  }

  /**
   * Labels the paper's 👍 and 👎 on the pressed message with its vote totals, after the member has
   * their own confirmation. The message is edited as the bot (which posted it), since the
   * interaction already answered with that confirmation. A failed edit loses only the labels: the
   * vote is stored and confirmed, so it is logged and not apologised for.
   */
  async #showVotes(interaction: ButtonInteraction, votes: VoteTally): Promise<void> {
    const components = withVoteTotals(messageComponents(interaction), votes);
    if (!components) return;
    try {
      await interaction.client.rest.patch(
        Routes.channelMessage(interaction.channelId, interaction.message.id),
        { body: { components }, signal: AbortSignal.timeout(VOTE_LABEL_TIMEOUT_MS) },
      );
    } catch (error) {
      this.#log.warn(
        { interaction: describeInteraction(interaction), err: describeError(error) },
        "Discord vote totals not shown on the message",
      );
    }
  }

  /** Replaces the message the button sits on with the requested page. */
  async #turnPage(interaction: ButtonInteraction, action: string): Promise<void> {
    await interaction.deferUpdate();
    const ctx = commandContextFor(interaction, buttonScope(interaction));
    const reply = scoped(await this.#service.runAction(ctx, action), ctx);
    const messages = renderReply(reply);
    if (reply.kind === "error") {
      // An error (an expired page, say) must not wipe out the page being read.
      for (const message of messages) {
        await interaction.followUp({ ...message, flags: MessageFlags.Ephemeral });
      }
      return;
    }
    const [first, ...rest] = messages;
    if (first) await interaction.editReply({ ...first, content: first.content ?? "" });
    const ephemeral = isEphemeralMessage(interaction);
    for (const message of rest) {
      await interaction.followUp(ephemeral ? { ...message, flags: MessageFlags.Ephemeral } : message);
    }
  }

  async #autocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const command = this.#find(interaction.commandName);
    const choices = command?.autocomplete ? await command.autocomplete(interaction, this.#service) : [];
    await interaction.respond(choices.slice(0, MAX_CHOICES));
  }

  #find(name: string): SlashCommand | undefined {
    return this.#commands.find((command) => command.data.name === name);
  }

  async #fail(interaction: Interaction, error: unknown): Promise<void> {
    const where = describeInteraction(interaction);
    if (isSpentInteraction(error)) {
      this.#log.warn(
        { interaction: where, err: describeError(error) },
        "Discord interaction expired before it was answered",
      );
      return;
    }
    this.#log.error({ interaction: where, err: describeError(error) }, "Discord interaction failed");
    if (interaction.isAutocomplete()) {
      if (!interaction.responded) await interaction.respond([]);
      return;
    }
    if (interaction.isRepliable()) await apologize(interaction);
  }
}

/**
 * Sends a rendered reply after `deferReply({ flags: Ephemeral })`: privately by default, publicly
 * (as follow-ups, since a deferred reply keeps its visibility) when the command layer says so.
 */
async function sendAfterEphemeralDefer(interaction: RepliableInteraction, reply: Reply): Promise<void> {
  const messages = withReplyFile(renderReply(reply), reply.file, interaction.attachmentSizeLimit);
  if (reply.private === false) {
    await interaction.editReply({ content: POSTED_PUBLICLY, allowedMentions: NO_MENTIONS });
    for (const message of messages) await interaction.followUp(message);
    return;
  }
  const [first, ...rest] = messages;
  if (first) await interaction.editReply(first);
  for (const message of rest) await interaction.followUp({ ...message, flags: MessageFlags.Ephemeral });
}

async function apologize(interaction: RepliableInteraction): Promise<void> {
  const apology = { content: APOLOGY, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS } as const;
  if (interaction.replied || interaction.deferred) await interaction.followUp(apology);
  else await interaction.reply(apology);
}

/**
 * A button under a message everyone in a server channel sees (a channel digest, a public post) acts for
 * the channel; the command layer then decides whether the presser may tune it or tunes their own picks.
 */
function buttonScope(interaction: ButtonInteraction): CommandScope {
  if (!interaction.inGuild()) return "user";
  return readButton(interaction.customId).channel || !isEphemeralMessage(interaction) ? "channel" : "user";
}

/** A channel's reply keeps its paging on the channel's list, even when only the member sees it. */
function scoped(reply: Reply, ctx: CommandContext): Reply {
  return ctx.target.kind === "channel" ? markChannelPaging(reply) : reply;
}

/**
 * The pressed message's components as Discord's JSON. The message is a raw payload when its channel
 * is not cached, else discord.js's objects, which give their JSON back.
 */
function messageComponents(interaction: ButtonInteraction): APIMessageTopLevelComponent[] {
  const components = interaction.message.components as readonly unknown[];
  return components.map((component) =>
    hasToJSON(component) ? component.toJSON() : (component as APIMessageTopLevelComponent),
  );
}

function hasToJSON(value: unknown): value is { toJSON(): APIMessageTopLevelComponent } {
  return typeof (value as { toJSON?: unknown } | null)?.toJSON === "function";
}

/** The message may be a raw payload when its channel is not cached, so its flags may be a plain number. */
function isEphemeralMessage(interaction: ButtonInteraction): boolean {
  const flags = interaction.message.flags as MessageFlagsBitField | number;
  return new MessageFlagsBitField(flags).has(MessageFlags.Ephemeral);
}

function describeInteraction(interaction: Interaction): Record<string, string> {
  if (interaction.isCommand() || interaction.isAutocomplete()) {
    return { id: interaction.id, command: interaction.commandName };
  }
  if (interaction.isButton())
    return { id: interaction.id, button: readButton(interaction.customId).action.split(":")[0] ?? "" };
  return { id: interaction.id, type: String(interaction.type) };
}
