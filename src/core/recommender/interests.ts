/** Limits on a profile's stated interests. */
export const MAX_INTEREST_CHARS = 200;
export const MAX_INTERESTS = 25;

export type InterestsOutcome =
  { ok: true; interests: string[]; added: string[]; duplicates: string[] } | { ok: false; message: string };

/** Collapses whitespace and drops control characters, so "  graph\tneural  nets " → "graph neural nets". */
export function cleanInterest(raw: string): string {
  return raw
    .normalize("NFKC")
    .replace(/\p{Cc}/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Splits `a; b; c` (or one phrase per line) into cleaned, non-empty phrases. */
export function splitInterests(text: string): string[] {
  return text
    .split(/[;\n]/)
    .map(cleanInterest)
    .filter((phrase) => phrase.length > 0);
}

/**
 * Adds phrases to a list of interests, merging duplicates case-insensitively. All or nothing: when
 * one phrase is invalid or the list would grow past the limit, nothing is added.
 */
export function addInterests(current: readonly string[], phrases: readonly string[]): InterestsOutcome {
  const problem = phrases.map(checkPhrase).find((message) => message !== undefined);
  if (problem) return { ok: false, message: problem };
  const interests = [...current];
  const seen = new Set(current.map(foldCase));
  const added: string[] = [];
  const duplicates: string[] = [];
  for (const phrase of phrases) {
    if (seen.has(foldCase(phrase))) {
      duplicates.push(phrase);
      continue;
    }
    seen.add(foldCase(phrase));
    interests.push(phrase);
    added.push(phrase);
  }
  if (interests.length > MAX_INTERESTS) {
    return {
      ok: false,
      message:
        `A profile holds at most ${MAX_INTERESTS} interests: you have ${current.length}, and adding ` +
        `${added.length} would make ${interests.length}. Remove some first with /interests remove <phrase | number>.`,
    };
  }
  return { ok: true, interests, added, duplicates };
}

/** Finds an interest by its 1-based number in the list or by its text (case-insensitive). */
export function findInterest(current: readonly string[], query: string): number | undefined {
  const cleaned = cleanInterest(query);
  if (/^\d+$/.test(cleaned)) {
    const position = Number(cleaned) - 1;
    return position >= 0 && position < current.length ? position : undefined;
  }
  const position = current.findIndex((phrase) => foldCase(phrase) === foldCase(cleaned));
  return position >= 0 ? position : undefined;
}

function checkPhrase(phrase: string): string | undefined {
  if (phrase.length > MAX_INTEREST_CHARS) {
    return (
      `Each interest is at most ${MAX_INTEREST_CHARS} characters; “${phrase.slice(0, 40)}…” has ${phrase.length}. ` +
      "Use a short topic, e.g. /interests add few-shot learning; separate several with ;"
    );
  }
  if (!/[\p{L}\p{N}]/u.test(phrase)) {
    return `“${phrase}” has no letters or digits. Use a topic, e.g. /interests add graph neural networks`;
  }
  return undefined;
}

function foldCase(phrase: string): string {
  return phrase.toLocaleLowerCase("en-US");
}
