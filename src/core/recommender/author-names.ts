/**
 * Following authors by name. Sources write one person many ways ("Yann LeCun", "Y. LeCun",
 * "LeCun, Yann", "LECUN Yann"), so names are parsed into a folded family name and given names,
 * and compared on those.
 *
 * How a name is read:
 * - "Family, Given" (a comma) is family-first; parts that are only a suffix (Jr., III) are dropped.
 * - Without a comma the last word is the family name ("Yann LeCun"), together with the particles
 *   before it ("Laurens van der Maaten", "Yann Le Cun"), except that
 *   - a run of words in capitals at either end is the family name when the other words are not in
 *     capitals ("LECUN Yann", "Yann LECUN");
 *   - words followed only by initials are the family name ("LeCun Y.", "van der Maaten L.J.P.").
 * - Some names have other plausible readings, all of which are tried when matching:
 *   two full words without other clues ("Zhang Wei") are read in both orders; three or more words
 *   also read the last two as one compound family name ("José Hernández Orallo" as Hernández-Orallo);
 *   a capitalised particle may be a given name ("Wei Da Zhang" also reads as family "zhang").
 *   The cost is rare false matches such as "Paul Thomas" for a followed "Thomas Paul".
 * - Family names compare without their spaces, hyphens and apostrophes: "Le Cun" is "LeCun".
 */

/** A parsed author name; every field is folded: lower-case, accents removed. */
export interface AuthorName {
  /** The family name with its particles, hyphens and apostrophes: "lecun", "van der maaten", "o'brien". */
  family: string;
  /** The first letter of each given name: "y" for Yann or Y., "jp" for Jean-Paul or J.-P.; "" when none. */
  givenInitials: string;
  /** The given names when the first is written out: "yann", "jean-paul", "geoffrey e". */
  given?: string;
}

export const FOLLOW_USAGE = "Use /follow <author name>, e.g. /follow Yann LeCun";
export const MAX_FOLLOW_NAME_CHARS = 100;
const MIN_FOLLOW_NAME_CHARS = 2;
/** Longer strings are not names (a source's stray affiliation list, say): they parse as nothing. */
const MAX_NAME_CHARS = 300;

const PARTICLES = new Set(
  `van von der den de del della delle dei degli di da du des la le lo dos das do ter ten te zu zum zur vom
  bin ibn al el`.split(/\s+/),
);
const SUFFIXES = new Set(["jr", "sr", "ii", "iii", "iv"]);
/** Letters that Unicode decomposition leaves alone but that names are often written without. */
const UNDECOMPOSED: Record<string, string> = {
  ø: "o",
  Ø: "O",
  ł: "l",
  Ł: "L",
  đ: "d",
  Đ: "D",
  ð: "d",
  Ð: "D",
  ß: "ss",
  æ: "ae",
  Æ: "AE",
  œ: "oe",
  Œ: "OE",
  ı: "i",
  þ: "th",
  Þ: "TH",
};
const UNDECOMPOSED_LETTER = /[øØłŁđĐðÐßæÆœŒıþÞ]/g;
const BRACKETED = /\([^)]*\)|\[[^\]]*\]/g;
const APOSTROPHES = /[’‘ʼ`´′]/g;
const HYPHENS = /[‐‑‒–—−]/g;
const MARKS = /\p{M}+/gu;
const NOT_NAME_CHAR = /[^\p{L}\s,.'-]+/gu;
const NOT_ASCII_NAME_CHAR = /[^A-Za-z\s,.'-]+/g;
const LETTER = /\p{L}/u;
const ASCII_LETTER = /[A-Za-z]/;
const NOT_ASCII_LETTERS = /[^A-Za-z]+/g;
const EDGE_MARKS = /^[.'-]+|['-]+$/g;
const NON_ASCII = /[^\u0000-\u007f]/; // eslint-disable-line no-control-regex -- the ASCII range is the point
const SEPARATORS = /[\s'-]+/g;

/** Parses an author name as sources and users write it; undefined when it holds no family name. */
export function parseAuthorName(text: string): AuthorName | undefined {
  return readingsOf(text)[0]?.name;
}

/** Every plausible reading of a name, the likeliest first (see the module comment). */
export function authorNameReadings(text: string): AuthorName[] {
  return readingsOf(text).map((reading) => reading.name);
}

/**
 * Whether an author is (plausibly) the followed person: the same family name and compatible given
 * names. Written-out given names must agree word by word as far as both go, where an initial agrees
 * with any word it starts ("Geoffrey E." fits "Geoffrey Everest" and "Geoffrey"); otherwise the
 * initials must agree as far as both go ("Y." fits "Yann" and "Y. A.", "J. A." does not fit "J. B.").
 * A followed name without given names ("LeCun") follows every author of that family; an author
 * without given names matches only such a follow.
 */
export function sameAuthor(followed: AuthorName, author: AuthorName): boolean {
  return familyKey(followed.family) === familyKey(author.family) && givenCompatible(followed, author);
}

/**
 * The family names, folded as matching compares them, of every reading of these authors' names
 * (anything but a list of strings reads as none), each once: what a store files a paper's byline
 * under, so that finding a followed name's papers reads only those that can match.
 */
export function authorFamilies(authors: unknown): string[] {
  if (!Array.isArray(authors)) return [];
  const families = new Set<string>();
  for (const author of authors as unknown[]) {
    if (typeof author === "string") for (const { key } of readingsOf(author)) families.add(key);
  }
  return [...families];
}

/**
 * Whether a paper has an author of one of some family names (as `authorFamilies` reads them),
 * without reading most names: every family an ASCII name reads as is a run of its letters (brackets
 * aside), so a name whose letters hold none of the families is passed over unparsed. How a store
 * that holds its papers in memory answers `bylinesByFamily`.
 */
export class FamilyFilter {
  private readonly wanted: ReadonlySet<string>;

  constructor(families: readonly string[]) {
    this.wanted = new Set(families);
  }

  matches(authors: unknown): boolean {
    if (this.wanted.size === 0 || !Array.isArray(authors)) return false;
    for (const author of authors as unknown[]) {
      if (typeof author !== "string" || (!NON_ASCII.test(author) && !this.inLetters(author))) continue;
      for (const { key } of readingsOf(author)) if (this.wanted.has(key)) return true;
    }
    return false;
  }

  /** Whether one of the families is a run of the letters of an ASCII name, bracketed parts left out. */
  private inLetters(name: string): boolean {
    const unbracketed = name.includes("(") || name.includes("[") ? name.replace(BRACKETED, " ") : name;
    const letters = unbracketed.replace(NOT_ASCII_LETTERS, "").toLowerCase();
    for (const family of this.wanted) if (letters.includes(family)) return true;
    return false;
  }
}

/** Trims and collapses the name a user asked to follow, or says what a valid one looks like. */
export function normaliseFollowName(text: string): { name: string } | { error: string } {
  const name = text
    .normalize("NFC")
    .replace(/\p{Cc}/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (name.length === 0) return { error: `Give the name of an author to follow. ${FOLLOW_USAGE}` };
  if (name.length > MAX_FOLLOW_NAME_CHARS)
    return { error: `An author name has at most ${MAX_FOLLOW_NAME_CHARS} characters. ${FOLLOW_USAGE}` };
  if (name.length < MIN_FOLLOW_NAME_CHARS)
    return { error: `An author name has at least ${MIN_FOLLOW_NAME_CHARS} characters. ${FOLLOW_USAGE}` };
  if (/[;&]| and |,.*,/i.test(name)) return { error: `Follow one author at a time. ${FOLLOW_USAGE}` };
  if (parseAuthorName(name) === undefined)
    return { error: `An author name needs a family name written in letters. ${FOLLOW_USAGE}` };
  return { name };
}

/**
 * Finds followed authors among a paper's authors. Followed names are indexed by folded family name
 * and paper authors' readings are memoised, so a check costs a few map look-ups per author.
 */
export class AuthorMatcher {
  private readonly byFamily = new Map<string, { name: AuthorName; written: string }[]>();

  constructor(names: readonly string[]) {
    for (const written of names) {
      for (const { name, key } of readingsOf(written)) {
        let entries = this.byFamily.get(key);
        if (!entries) this.byFamily.set(key, (entries = []));
        entries.push({ name, written });
      }
    }
  }

  /** The family names the followed names are read with: no author outside them matches (see authorFamilies). */
  get families(): string[] {
    return [...this.byFamily.keys()];
  }

  /** The followed name (as the user wrote it) of the first paper author who is followed, if any. */
  matches(paperAuthors: readonly string[]): string | undefined {
    if (this.byFamily.size === 0) return undefined;
    for (const author of paperAuthors) {
      for (const reading of readingsOf(author)) {
        const entries = this.byFamily.get(reading.key);
        if (!entries) continue;
        for (const entry of entries) if (givenCompatible(entry.name, reading.name)) return entry.written;
      }
    }
    return undefined;
  }
}

interface Reading {
  name: AuthorName;
  /** The family name without spaces, hyphens and apostrophes: what family names compare on. */
  key: string;
}

interface Token {
  /** Lower-case, accents removed, dots removed. */
  folded: string;
  /** Only initials: "Y.", "Y", "J.-P.". */
  initials: boolean;
  /** Written in capitals, two letters or more: "LECUN". */
  capitals: boolean;
  /** Starts with a lower-case letter: "van", "de". */
  lowerStart: boolean;
}

const readingCache = new Map<string, Reading[]>();
const READING_CACHE_LIMIT = 50_000;

/** The readings of a name, memoised: a corpus repeats the same author strings across many papers. */
function readingsOf(text: string): Reading[] {
  let readings = readingCache.get(text);
  if (readings === undefined) {
    readings = text.length > MAX_NAME_CHARS ? [] : computeReadings(text);
    if (readingCache.size >= READING_CACHE_LIMIT) readingCache.clear();
    readingCache.set(text, readings);
  }
  return readings;
}

function computeReadings(text: string): Reading[] {
  const parts = cleanName(text)
    .split(",")
    .map((part) => tokensOf(part))
    .filter((tokens) => tokens.length > 0 && !(tokens.length === 1 && isSuffix(tokens[0] as Token)));
  const readings: Reading[] = [];
  const add = (family: readonly Token[], given: readonly Token[]): void => {
    const reading = makeReading(family, given);
    if (reading && !readings.some((other) => sameReading(other, reading))) readings.push(reading);
  };
  if (parts.length === 0) return readings;
  if (parts.length > 1) {
    add(dropSuffix(parts[0] as Token[], 1), parts.slice(1).flat());
    return readings;
  }
  const tokens = dropSuffix(parts[0] as Token[], 2);
  const count = tokens.length;
  if (count === 1) {
    add(tokens, []);
    return readings;
  }
  const capitalRun = capitalFamily(tokens);
  if (capitalRun) {
    add(capitalRun.family, capitalRun.given);
    return readings;
  }
  const firstInitial = tokens.findIndex((token) => token.initials);
  if (firstInitial > 0 && tokens.slice(firstInitial).every((token) => token.initials)) {
    add(tokens.slice(0, firstInitial), tokens.slice(firstInitial));
    return readings;
  }
  // The family name is the last word with the particles before it ("Laurens van der Maaten"); a
  // first word is a given name unless written as a lower-case particle ("van Gogh").
  let familyStart = count - 1;
  while (familyStart > 0 && isParticle(tokens[familyStart - 1] as Token)) familyStart--;
  if (familyStart === 0 && !(tokens[0] as Token).lowerStart) familyStart = 1;
  add(tokens.slice(familyStart), tokens.slice(0, familyStart));
  const last = tokens[count - 1] as Token;
  const beforeLast = tokens[count - 2] as Token;
  if (familyStart < count - 1) {
    // A capitalised particle may be a given name ("Wei Da Zhang"); a lower-case one is surely a particle.
    if (!(tokens[familyStart] as Token).lowerStart) add([last], tokens.slice(0, count - 1));
  } else if (count === 2 && !(tokens[0] as Token).initials && !last.initials) {
    add([tokens[0] as Token], [last]);
  } else if (count >= 3 && !beforeLast.initials && !last.initials) {
    add([beforeLast, last], tokens.slice(0, count - 2));
  }
  return readings;
}

/** Accents removed (case kept: capitals mark family names), typographic marks unified, other symbols dropped. */
function cleanName(text: string): string {
  let cleaned = text.includes("(") || text.includes("[") ? text.replace(BRACKETED, " ") : text;
  if (!NON_ASCII.test(cleaned)) return cleaned.replace(NOT_ASCII_NAME_CHAR, " ");
  cleaned = cleaned
    .replace(APOSTROPHES, "'")
    .replace(HYPHENS, "-")
    .normalize("NFKD")
    .replace(MARKS, "")
    .replace(UNDECOMPOSED_LETTER, (letter) => UNDECOMPOSED[letter] ?? letter);
  return cleaned.replace(NOT_NAME_CHAR, " ");
}

/** The words of one comma-separated part; "Y.LeCun" splits after the initial. */
function tokensOf(part: string): Token[] {
  const tokens: Token[] = [];
  const ascii = !NON_ASCII.test(part);
  for (const word of part.split(/\s+/)) {
    for (const piece of word.includes(".") ? word.split(/(?<=\.)(?=\p{L})/u) : [word]) {
      const trimmed = piece.replace(EDGE_MARKS, "");
      if (!(ascii ? ASCII_LETTER : LETTER).test(trimmed)) continue;
      const bare = trimmed.includes(".") ? trimmed.replace(/\./g, "") : trimmed;
      let lower = bare.toLowerCase();
      // Lower-casing can add marks back ("İ" becomes "i" and a dot above).
      if (!ascii) lower = lower.normalize("NFKD").replace(MARKS, "");
      const upper = bare.toUpperCase();
      const first = bare.charAt(0);
      tokens.push({
        folded: lower,
        initials: trimmed.split("-").every((chunk) => letterCount(chunk.replace(/\./g, ""), ascii) <= 1),
        capitals: bare === upper && bare !== lower && letterCount(bare.replace(/['-]/g, ""), ascii) >= 2,
        lowerStart: first !== first.toUpperCase(),
      });
    }
  }
  return tokens;
}

function letterCount(text: string, ascii: boolean): number {
  return ascii ? text.length : [...text].length;
}

/** A run of capitalised words at either end, when the rest is not capitalised: "LECUN Yann". */
function capitalFamily(tokens: readonly Token[]): { family: Token[]; given: Token[] } | undefined {
  const isCapitalWord = (token: Token): boolean => token.capitals && !token.initials;
  let lead = 0;
  while (lead < tokens.length && isCapitalWord(tokens[lead] as Token)) lead++;
  let trail = 0;
  while (trail < tokens.length && isCapitalWord(tokens[tokens.length - 1 - trail] as Token)) trail++;
  if (lead === tokens.length) return undefined; // all capitals: no clue
  if (lead > 0) return { family: tokens.slice(0, lead), given: tokens.slice(lead) };
  if (trail > 0) return { family: tokens.slice(-trail), given: tokens.slice(0, -trail) };
  return undefined;
}

function makeReading(family: readonly Token[], given: readonly Token[]): Reading | undefined {
  const familyText = family.map((token) => token.folded).join(" ");
  const key = familyKey(familyText);
  // A lone letter is an initial, not a family name.
  if ([...key].length < 2) return undefined;
  const initials = given
    .flatMap((token) => token.folded.split("-"))
    .map((chunk) => [...chunk.replace(/'/g, "")][0] ?? "")
    .join("");
  const name: AuthorName = { family: familyText, givenInitials: initials };
  if (given.length > 0 && !(given[0] as Token).initials) {
    name.given = given
      .map((token) => (token.initials ? token.folded.replace(/-/g, "") : token.folded))
      .join(" ");
  }
  return { name, key };
}

function sameReading(a: Reading, b: Reading): boolean {
  return a.key === b.key && a.name.givenInitials === b.name.givenInitials && a.name.given === b.name.given;
}

function dropSuffix(tokens: Token[], keep: number): Token[] {
  return tokens.length > keep && isSuffix(tokens[tokens.length - 1] as Token) ? tokens.slice(0, -1) : tokens;
}

function isSuffix(token: Token): boolean {
  return SUFFIXES.has(token.folded);
}

function isParticle(token: Token): boolean {
  return PARTICLES.has(token.folded);
}

function familyKey(family: string): string {
  return family.replace(SEPARATORS, "");
}

function givenCompatible(followed: AuthorName, author: AuthorName): boolean {
  if (followed.givenInitials === "") return true;
  if (author.givenInitials === "") return false;
  if (followed.given !== undefined && author.given !== undefined) {
    if (familyKey(followed.given) === familyKey(author.given)) return true;
    const mine = followed.given.split(/[\s-]+/);
    const theirs = author.given.split(/[\s-]+/);
    for (let i = 0; i < Math.min(mine.length, theirs.length); i++) {
      if (!wordsAgree(mine[i] as string, theirs[i] as string)) return false;
    }
    return true;
  }
  const a = followed.givenInitials;
  const b = author.givenInitials;
  return a.length <= b.length ? b.startsWith(a) : a.startsWith(b);
}

/** Equal words, or an initial and a word it starts. */
function wordsAgree(a: string, b: string): boolean {
  if (a === b) return true;
  if ([...a].length === 1) return b.startsWith(a);
  if ([...b].length === 1) return a.startsWith(b);
  return false;
}
