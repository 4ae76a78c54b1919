import type { PaperCard, Reply } from "../../src/core/commands/reply.js";

/** A string from outside (a feed, a user, an imported file) and what a reader must see of it. */
export interface HostileString {
  name: string;
  input: string;
  /**
   * The visible text that must survive, as it shows where line breaks are kept (an excerpt); where a
   * field holds one line, its line breaks are spaces (see `oneLine`).
   */
  shows: string;
  /** Text that must not appear anywhere in the output (e.g. a zero-width character at a word's edge). */
  absent?: string[];
}

const ESC = "\u001b";
const BEL = "\u0007";

/** One list for every renderer: Discord, Telegram, the console chat, the CLI and the logs. */
export const HOSTILE_STRINGS: readonly HostileString[] = [
  {
    name: "OSC title set and CSI clear screen",
    input: `Paper${ESC}]0;pwned${BEL}${ESC}[2J${ESC}[H title`,
    shows: "Paper title",
    absent: ["pwned"],
  },
  { name: "OSC ended by ESC \\", input: `${ESC}]2;window${ESC}\\Safe words`, shows: "Safe words" },
  {
    name: "OSC 8 hyperlink to elsewhere",
    input: `${ESC}]8;;https://evil.example/${ESC}\\click here${ESC}]8;;${ESC}\\`,
    shows: "click here",
    absent: ["evil.example"],
  },
  { name: "cursor moves and line erase", input: `A${ESC}[10;20HB${ESC}[1A${ESC}[2KC`, shows: "ABC" },
  { name: "colours", input: `${ESC}[31;1mred alert${ESC}[0m`, shows: "red alert" },
  { name: "terminal reset and a lone ESC", input: `${ESC}cReset then lone${ESC}`, shows: "Reset then lone" },
  { name: "bell", input: `ding${BEL}dong`, shows: "dingdong" },
  { name: "C1 CSI U+009B", input: "x\u009b2Jy", shows: "x2Jy" },
  { name: "C1 controls U+0080–U+009F", input: "a\u0080b\u008dc\u009fd", shows: "abcd" },
  { name: "NUL", input: "nul\u0000byte", shows: "nulbyte" },
  { name: "DEL", input: "del\u007fete", shows: "delete" },
  { name: "backspaces overwriting text", input: "safe\b\b\b\bevil", shows: "safeevil" },
  { name: "carriage return overwriting a line", input: "harmless\rEVIL", shows: "harmless\nEVIL" },
  { name: "right-to-left override", input: "abc\u202Eexe.pdf", shows: "abcexe.pdf" },
  {
    name: "embeddings",
    input: "\u202Aleft\u202C \u202Bright\u202C \u202Dover\u202C",
    shows: "left right over",
  },
  { name: "isolates", input: "\u2066iso\u2069 \u2067late\u2069 \u2068first\u2069", shows: "iso late first" },
  { name: "direction marks", input: "left\u200Eright\u200Fmark\u061C", shows: "leftrightmark" },
  {
    name: "zero-width space inside a word and at its edges",
    input: "\u200Bzero\u200Bwidth\u200B and\u200C \u2060joined",
    shows: "zero\u200Bwidth and joined",
    absent: ["\u200Bzero", "width\u200B", "and\u200C", "\u2060"],
  },
  { name: "byte order mark", input: "\uFEFFbom title", shows: "bom title", absent: ["\uFEFF"] },
  { name: "soft hyphen", input: "hy\u00ADphen", shows: "hyphen", absent: ["\u00AD"] },
  { name: "hidden tag characters", input: "hidden\u{E0041}\u{E0042}text", shows: "hiddentext" },
  { name: "lone surrogate", input: "broken\uD800pair", shows: "broken\uFFFDpair" },
  { name: "line separator", input: "one\u2028two", shows: "one\ntwo" },
  { name: "Persian word with ZWNJ", input: "می\u200Cخواهم", shows: "می\u200Cخواهم" },
  { name: "Devanagari conjunct with ZWJ", input: "क्\u200Dष", shows: "क्\u200Dष" },
  { name: "family emoji with ZWJ", input: "👨\u200D👩\u200D👧 family", shows: "👨\u200D👩\u200D👧 family" },
  { name: "emoji with skin tone and ZWJ", input: "👩🏽\u200D💻 coder", shows: "👩🏽\u200D💻 coder" },
  {
    name: "flag of England (tag sequence)",
    input: "🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F} flag",
    shows: "🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F} flag",
  },
  {
    name: "Telegram HTML",
    input: '<b>bold</b> & <a href="https://x.example">link</a>',
    shows: '<b>bold</b> & <a href="https://x.example">link</a>',
  },
  {
    name: "Discord markdown",
    input: "**not bold** __under__ `code` ||spoiler||",
    shows: "**not bold** __under__ `code` ||spoiler||",
  },
  { name: "mentions", input: "@everyone @here <@123456> <#42>", shows: "@everyone @here <@123456> <#42>" },
];

/** The text of a field that holds one line. */
export function oneLine(text: string): string {
  return text.replace(/\n/g, " ");
}

/** C0 (but newline and tab), DEL and C1 controls, and bidi embeddings, overrides, isolates and marks. */
const FORBIDDEN =
  // eslint-disable-next-line no-control-regex -- control characters are what is looked for.
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Where `text` holds a character no output may hold (`U+202E at 3`), or undefined when it is clean. */
export function forbiddenCharacterIn(text: string): string | undefined {
  const match = FORBIDDEN.exec(text);
  if (!match) return undefined;
  const code = match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0");
  return `U+${code} at ${match.index} in ${JSON.stringify(text.slice(Math.max(0, match.index - 20), match.index + 20))}`;
}

/** A card with the hostile text in every field a reader sees. */
export function hostileCard(text: string, id = "2501.00001"): PaperCard {
  return {
    id,
    title: `Title ${text}`,
    url: `https://arxiv.org/abs/${id}`,
    authors: [`Author ${text}`, "Ada Lovelace"],
    excerpt: `Excerpt ${text}`,
    score: 0.5,
    why: `Why ${text}`,
    matched: [`term ${text}`],
    publishedAt: "2025-01-02T00:00:00Z",
    buttons: [
      { label: `Like ${text}`, action: `like:${id}` },
      { label: "More like this", action: `similar:${id}` },
    ],
  };
}

/** A reply with the hostile text in its title, paragraphs, a card, a button label and the footer. */
export function hostileReply(text: string, kind: Reply["kind"] = "papers"): Reply {
  return {
    kind,
    title: `Heading ${text}`,
    lines: [`Line ${text}`],
    cards: [hostileCard(text)],
    buttons: [{ label: `Next ${text}`, action: "find:q1:2" }],
    footer: `Footer ${text}`,
  };
}
