import { MessageFlags, MessageFlagsBitField } from "discord.js";
import type {
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  Interaction,
  RepliableInteraction,
} from "discord.js";
import type { CommandContext, CommandService } from "../../core/commands/context.js";
import type { Reply } from "../../core/commands/reply.js";
import type { Logger } from "../../core/log.js";
import { downloadFailedMessage, fetchAttachment } from "./attachment.js";
import { slashCommands } from "./commands/index.js";
import { MAX_CHOICES } from "./commands/types.js";
import type { AttachmentRef, CommandScope, SlashCommand } from "./commands/types.js";
import { commandContextFor } from "./context.js";
import { describeError, isSpentInteraction } from "./discord-errors.js";
import { renderReply } from "./render.js";

const NO_MENTIONS = { parse: [] };
/** Button actions that page through a reply: they replace the message they sit on. */
const PAGING_ACTIONS = ["find:"];

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
    await sendAfterEphemeralDefer(interaction, reply);
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
    const action = interaction.customId;
    if (PAGING_ACTIONS.some((prefix) => action.startsWith(prefix))) {
      await this.#turnPage(interaction, action);
      return;
    }
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const reply = await this.#service.runAction(
      commandContextFor(interaction, buttonScope(interaction)),
      action,
    );
    await sendAfterEphemeralDefer(interaction, reply);
  }

  /** Replaces the message the button sits on with the requested page. */
  async #turnPage(interaction: ButtonInteraction, action: string): Promise<void> {
    await interaction.deferUpdate();
    const reply = await this.#service.runAction(
      commandContextFor(interaction, buttonScope(interaction)),
      action,
    );
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
  const messages = renderReply(reply);
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
  return interaction.inGuild() && !isEphemeralMessage(interaction) ? "channel" : "user";
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
  if (interaction.isButton()) return { id: interaction.id, button: interaction.customId.split(":")[0] ?? "" };
  return { id: interaction.id, type: String(interaction.type) };
}
