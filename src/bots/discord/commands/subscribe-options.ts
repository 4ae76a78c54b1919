import type { SlashCommandIntegerOption, SlashCommandStringOption } from "discord.js";
import { commandText, type CommandOptions } from "./text.js";

export function timeOption(option: SlashCommandStringOption): SlashCommandStringOption {
  return option
    .setName("time")
    .setDescription("Local time of day, HH:MM in 24 h, e.g. 08:00")
    .setMaxLength(16);
}

export function timezoneOption(option: SlashCommandStringOption): SlashCommandStringOption {
  return option
    .setName("timezone")
    .setDescription("IANA time zone, e.g. Europe/Paris")
    .setMaxLength(64)
    .setAutocomplete(true);
}

export function countOption(option: SlashCommandIntegerOption): SlashCommandIntegerOption {
  return option.setName("count").setDescription("Papers per digest, 1 to 10").setMinValue(1).setMaxValue(10);
}

export function daysOption(option: SlashCommandStringOption): SlashCommandStringOption {
  return option
    .setName("days")
    .setDescription("Every day or weekdays only")
    .addChoices({ name: "every day", value: "daily" }, { name: "weekdays", value: "weekdays" });
}

export function noteOption(option: SlashCommandStringOption): SlashCommandStringOption {
  return option
    .setName("note")
    .setDescription("A short note on days with nothing new, or nothing at all")
    .addChoices({ name: "on", value: "on" }, { name: "off", value: "off" });
}

export function threadsOption(option: SlashCommandStringOption): SlashCommandStringOption {
  return option
    .setName("threads")
    .setDescription("Each paper as its own message with a thread to discuss it")
    .addChoices({ name: "on", value: "on" }, { name: "off", value: "off" });
}

/** `subscribe time 08:00 tz Europe/Paris count 5`: only the options the user chose. */
export function subscribeInput(options: CommandOptions): string {
  const time = options.getString("time")?.replace(/\s+/g, "");
  const timezone = options.getString("timezone")?.trim().replace(/\s+/g, "_");
  const count = options.getInteger("count");
  const days = options.getString("days");
  const note = options.getString("note");
  // Only /channel offers it: a DM has no threads.
  const threads = options.getString("threads");
  return commandText(
    "subscribe",
    time ? `time ${time}` : undefined,
    timezone ? `tz ${timezone}` : undefined,
    count !== null ? `count ${count}` : undefined,
    days ? `days ${days}` : undefined,
    note ? `note ${note}` : undefined,
    threads ? `threads ${threads}` : undefined,
  );
}
