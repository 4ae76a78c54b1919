import type { SavedPaper } from "../records.js";
import { safeLine } from "../safe-text.js";

/** How long a saver's name is kept and shown at most, in characters as readers count them. */
export const MAX_SAVER_NAME = 64;

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/**
 * A display name from the platform as paperboy keeps and shows it: sanitised (`safeLine`), its
 * runs of spaces made one, and cut to MAX_SAVER_NAME characters with "…". The cut falls between
 * grapheme clusters, so a flag or an accented letter is never split. Undefined when nothing
 * visible is left (or none was given).
 *
 * @example saverName("  Ada\u202E  Lovelace ") // "Ada Lovelace"
 */
export function saverName(name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  const clean = safeLine(name).replace(/\s+/g, " ").trim();
  if (clean.length === 0) return undefined;
  const parts = Array.from(graphemes.segment(clean), (part) => part.segment);
  if (parts.length <= MAX_SAVER_NAME) return clean;
  return `${parts
    .slice(0, MAX_SAVER_NAME - 1)
    .join("")
    .trimEnd()}…`;
}

/**
 * Who saved a paper, as a channel's list shows it: their name, or, for a paper saved before names
 * were kept (or without one), their platform id.
 */
export function savedByLabel(saved: Pick<SavedPaper, "savedBy" | "savedByName">): string {
  return saverName(saved.savedByName) ?? saved.savedBy;
}
