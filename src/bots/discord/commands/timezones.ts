import type { ApplicationCommandOptionChoiceData } from "discord.js";
import { MAX_CHOICES } from "./types.js";

let zones: string[] | undefined;

function allZones(): string[] {
  zones ??= [...new Set(["UTC", ...Intl.supportedValuesOf("timeZone")])];
  return zones;
}

/**
 * IANA time zones matching what the user typed so far ("paris", "new york", "Europe/"), best first:
 * zones whose city starts with it, then zones that merely contain it.
 */
export function timezoneChoices(typed: string): ApplicationCommandOptionChoiceData<string>[] {
  const needle = typed.trim().toLowerCase().replace(/\s+/g, "_");
  const matches = allZones().filter((zone) => zone.toLowerCase().includes(needle));
  const startsWell = (zone: string): boolean => {
    const lower = zone.toLowerCase();
    return lower.startsWith(needle) || (lower.split("/").pop() ?? "").startsWith(needle);
  };
  const ranked = [...matches.filter(startsWell), ...matches.filter((zone) => !startsWell(zone))];
  return ranked.slice(0, MAX_CHOICES).map((zone) => ({ name: zone, value: zone }));
}
