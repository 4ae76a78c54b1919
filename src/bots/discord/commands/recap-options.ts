import { SlashCommandSubcommandGroupBuilder } from "discord.js";
import { WEEKDAYS } from "../../../core/records.js";
import { commandText, oneLine, type CommandOptions } from "./text.js";

/** `/channel recap on [day] [time]`, `off`, `show`: the channel's weekly recap of votes and saves. */
export function recapGroup(): SlashCommandSubcommandGroupBuilder {
  return new SlashCommandSubcommandGroupBuilder()
    .setName("recap")
    .setDescription("A weekly recap of this channel's most-voted and saved papers")
    .addSubcommand((subcommand) =>
      subcommand
        .setName("on")
        .setDescription("Post the weekly recap (default Friday 16:00, the digest's time zone)")
        .addStringOption((option) =>
          option
            .setName("day")
            .setDescription("The day of the week")
            .addChoices(...WEEKDAYS.map((day) => ({ name: day, value: day }))),
        )
        .addStringOption((option) =>
          option.setName("time").setDescription("HH:MM on a 24-hour clock, e.g. 16:00").setMaxLength(20),
        ),
    )
    .addSubcommand((subcommand) => subcommand.setName("off").setDescription("Stop the weekly recap"))
    .addSubcommand((subcommand) => subcommand.setName("show").setDescription("Show the recap setting"));
}

/** `recap on day friday time 16:00`, `recap off`, `recap`: the command layer's text. */
export function recapInput(options: CommandOptions): string {
  const subcommand = options.getSubcommand(true);
  if (subcommand === "show") return "recap";
  if (subcommand === "off") return "recap off";
  const day = options.getString("day");
  const time = options.getString("time");
  return commandText("recap on", day ? `day ${day}` : undefined, time ? `time ${oneLine(time)}` : undefined);
}
