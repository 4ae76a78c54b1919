import { exportText } from "./export-text.js";

/** A person's name as CSL holds it; `literal` for a name that cannot be split safely. */
export interface CslName {
  given?: string;
  family?: string;
  suffix?: string;
  literal?: string;
}

const SUFFIX = /^(?:Jr|Sr)\.?$|^(?:II|III|IV)$/;

/**
 * A stored "Given Family" name split for CSL and BibTeX. The family name is the last word together
 * with the lower-case particles before it ("John von Neumann" → "von Neumann", which BibTeX reads as
 * a von part); "Jr."/"III" after three or more words is a suffix; a single word is a family name
 * ("Plato", "王小明"). A name that still holds a comma stays whole (`literal`): a comma would split it
 * in the wrong place in BibTeX's "Family, Given" form.
 *
 * Joining given, family and suffix with spaces gives the stored name back, as an import does, except
 * that a comma before the suffix ("King, Jr.") is left out.
 */
export function splitName(name: string): CslName | undefined {
  const text = exportText(name);
  if (text === "") return undefined;
  const words = text.split(" ");
  let suffix: string | undefined;
  const last = words.at(-1) ?? "";
  if (words.length >= 3 && SUFFIX.test(last)) {
    suffix = last;
    words.pop();
    words[words.length - 1] = (words.at(-1) ?? "").replace(/,$/, "");
  }
  let familyStart = words.length - 1;
  while (familyStart > 1 && /^\p{Ll}/u.test(words[familyStart - 1] ?? "")) familyStart--;
  const given = words.slice(0, familyStart).join(" ");
  const family = words.slice(familyStart).join(" ");
  if (given.includes(",") || family.includes(",")) return { literal: text };
  const split: CslName = given === "" ? { family } : { given, family };
  if (suffix !== undefined) split.suffix = suffix;
  return split;
}
