import type {
  ApplicationCommandOptionChoiceData,
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import type { CommandService } from "../../../core/commands/context.js";

/** Discord rejects an autocomplete answer holding more choices than this. */
export const MAX_CHOICES = 25;

/** Whose profile a command acts on: the person's own, or the channel's it was typed in. */
export type CommandScope = "user" | "channel";

/** A file chosen in an attachment option, downloaded by the interaction runner before the command runs. */
export interface AttachmentRef {
  name: string;
  /** The size Discord reports, in bytes. */
  size: number;
  url: string;
}

/**
 * What a slash command asks for: a command-layer text to run (with the file to download first, for
 * `/import`), or a refusal told to the user at once.
 */
export type CommandRequest =
  | { kind: "run"; scope: CommandScope; input: string; attachment?: AttachmentRef }
  | { kind: "refuse"; message: string };

/** One slash command: its definition for registration beside the code that reads its options. */
export interface SlashCommand {
  readonly data: { readonly name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody };
  /** Turns the chosen options into the command layer's text grammar. */
  toRequest(interaction: ChatInputCommandInteraction): CommandRequest;
  /** Suggestions for the focused option (at most 25; Discord drops the whole answer otherwise). */
  autocomplete?(
    interaction: AutocompleteInteraction,
    service: CommandService,
  ): Promise<ApplicationCommandOptionChoiceData<string>[]>;
}

/** A request to run `input` for the person who typed the command. */
export function personal(input: string): CommandRequest {
  return { kind: "run", scope: "user", input };
}
