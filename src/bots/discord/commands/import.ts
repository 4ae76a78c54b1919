import { SlashCommandBuilder } from "discord.js";
import type { SlashCommandAttachmentOption, SlashCommandStringOption } from "discord.js";
import { PERSONAL_CONTEXTS } from "./contexts.js";
import { oneLine, type CommandOptions } from "./text.js";
import type { CommandRequest, CommandScope, SlashCommand } from "./types.js";
import { IMPORT_FILE_OR_IDS } from "../../../core/commands/import.js";

/** Both options at once are refused: the command layer would read the file and silently drop the ids. */

/** Room for a long list of ids, within the command layer's 6,000-character input limit. */
const IDS_MAX = 4000;

/** The `file` option of `/import` and `/channel import`. */
export function importFileOption(option: SlashCommandAttachmentOption): SlashCommandAttachmentOption {
  return option
    .setName("file")
    .setDescription("A BibTeX, RIS or CSL-JSON export, or a list of arXiv ids (2 MB at most)");
}

/** The `ids` option of `/import` and `/channel import`. */
export function importIdsOption(option: SlashCommandStringOption): SlashCommandStringOption {
  return option
    .setName("ids")
    .setDescription("arXiv ids or URLs, e.g. 2410.12345 2311.00001, or clear to remove the library")
    .setMaxLength(IDS_MAX);
}

/**
 * `/import file:` → `import` with the file to download; `/import ids:` → `import <ids>`; neither → `import`,
 * which the command layer answers with how to import.
 */
export function importRequest(options: CommandOptions, scope: CommandScope): CommandRequest {
  const file = options.getAttachment("file");
  const ids = oneLine(options.getString("ids") ?? "");
  if (file && ids) return { kind: "refuse", message: IMPORT_FILE_OR_IDS };
  if (!file) return { kind: "run", scope, input: ids ? `import ${ids}` : "import" };
  return {
    kind: "run",
    scope,
    input: "import",
    attachment: { name: file.name, size: file.size, url: file.url },
  };
}

/** `/import file|ids`, shaping the user's own picks. */
export const importCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName("import")
    .setDescription("Shape your picks with papers you have: a Zotero/Mendeley export or arXiv ids")
    .setContexts(...PERSONAL_CONTEXTS)
    .addAttachmentOption(importFileOption)
    .addStringOption(importIdsOption),
  toRequest: (interaction) => importRequest(interaction.options, "user"),
};
