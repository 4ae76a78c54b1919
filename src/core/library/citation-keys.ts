import type { Paper } from "../paper.js";
import { splitName } from "./split-name.js";

/** Letters NFKD does not take apart into a base letter and an accent. */
const FOLDED = new Map([
  ["ß", "ss"],
  ["æ", "ae"],
  ["œ", "oe"],
  ["ø", "o"],
  ["ł", "l"],
  ["đ", "d"],
  ["ð", "d"],
  ["þ", "th"],
  ["ı", "i"],
]);

/** Title words a key skips, as Google Scholar's keys do ("attention" for "Attention Is All You Need"). */
const SKIPPED_WORDS = new Set(["a", "an", "the", "on", "of", "in", "for", "to", "and", "with", "towards"]);

const MAX_WORD_CHARS = 24;

/**
 * A citation key for each paper, in order: the first author's family name, the year and the first
 * significant title word, lower-case ASCII ("vaswani2017attention", "muller2019when"). The same papers in
 * the same order always get the same keys. A key already taken gets "a", "b", … appended, so the first
 * paper keeps the plain key.
 */
export function citationKeys(papers: readonly Paper[]): string[] {
  const used = new Set<string>();
  const repeats = new Map<string, number>();
  return papers.map((paper) => {
    const base = baseKey(paper);
    let key = base;
    let repeat = repeats.get(base) ?? 0;
    while (used.has(key)) key = base + letters(repeat++);
    repeats.set(base, repeat);
    used.add(key);
    return key;
  });
}

function baseKey(paper: Paper): string {
  const first = Array.isArray(paper.authors) ? paper.authors.find((author) => splitName(author)) : undefined;
  const name = first === undefined ? undefined : splitName(first);
  const family = ascii(name?.family ?? name?.literal ?? "");
  const year = /^\s*(\d{4})/.exec(paper.publishedAt ?? "")?.[1] ?? "";
  const word = (typeof paper.title === "string" ? paper.title : "")
    .split(/\s+/)
    .map(ascii)
    .find((candidate) => candidate !== "" && !SKIPPED_WORDS.has(candidate));
  return `${family.slice(0, MAX_WORD_CHARS) || "paper"}${year}${(word ?? "").slice(0, MAX_WORD_CHARS)}`;
}

/** Lower-case ASCII letters and digits only: accents dropped ("Müller" → "muller"), CJK and symbols left out. */
function ascii(text: string): string {
  return text
    .toLowerCase()
    .replace(/[ßæœøłđðþı]/g, (letter) => FOLDED.get(letter) ?? "")
    .normalize("NFKD")
    .replace(/[^a-z0-9]/g, "");
}

/** 0 → "a", 25 → "z", 26 → "aa": a suffix for every repeat, however many. */
function letters(index: number): string {
  let suffix = "";
  for (let n = index; n >= 0; n = Math.floor(n / 26) - 1) {
    suffix = String.fromCharCode(97 + (n % 26)) + suffix;
  }
  return suffix;
}
