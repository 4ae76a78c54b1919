import { closest } from "./closest.js";

let knownZones: string[] | undefined;

/** The runtime's IANA zone names (computed once). */
function zones(): string[] {
  knownZones ??= Intl.supportedValuesOf("timeZone");
  return knownZones;
}

/**
 * The canonical spelling of an IANA time zone (`europe/paris` → `Europe/Paris`), or undefined when
 * the runtime does not know it. Validation is Intl's own, so it matches what scheduling will use.
 */
export function canonicalTimeZone(raw: string): string | undefined {
  const name = raw.trim();
  if (!/^[A-Za-z0-9_+\-/]{1,64}$/.test(name)) return undefined;
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** A known zone the user probably meant: `Paris` → `Europe/Paris`, `Europe/Pari` → `Europe/Paris`. */
export function suggestTimeZone(raw: string): string | undefined {
  const name = raw.trim().replace(/\s+/g, "_").toLowerCase();
  if (name.length === 0) return undefined;
  const byCity = zones().find((zone) => zone.toLowerCase().split("/").at(-1) === name);
  return byCity ?? closest(name, zones(), { prefixes: false });
}
