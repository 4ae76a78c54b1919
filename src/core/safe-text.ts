/**
 * One sanitiser for text that came from outside (feeds, user input, imported files), applied by every
 * renderer before its own escaping (Discord markdown, Telegram HTML, terminal). It removes what could
 * drive a terminal, reorder what the reader sees, or hide text, and leaves all visible text alone:
 *
 * - Escape sequences go entirely: CSI (`ESC[…final`), string sequences (OSC `ESC]…BEL` or
 *   `ESC]…ESC\`, and DCS, SOS, PM, APC) when terminated, and any other ESC with the intermediate and
 *   final byte it takes. An unterminated OSC loses only its `ESC]`: the rest shows as text rather
 *   than silently swallowing a title. An 8-bit introducer (U+009B CSI, U+009D OSC…) is removed like
 *   any C1 control but takes nothing with it: C1 characters mostly come from mis-decoded UTF-8
 *   ("â€\u009d" for "”"), whose visible letters should survive.
 * - Line breaks are normalised to `\n`: CR LF, a lone CR (it would let later text overwrite a line),
 *   VT, FF, NEL (U+0085), LINE SEPARATOR and PARAGRAPH SEPARATOR. `\n` and `\t` stay; the renderers
 *   lay them out.
 * - Every other C0 control, DEL and C1 control (U+0080–U+009F) is removed.
 * - Bidi controls are removed: embeddings and overrides U+202A–U+202E, isolates U+2066–U+2069, the
 *   marks U+200E, U+200F, U+061C. Ordinary right-to-left text needs none of them to display.
 * - Zero-width characters (U+200B, U+200C, U+200D, U+2060, U+FEFF) stay only between two letters
 *   (or combining marks, as after an Indic virama), where Persian, Indic and Thai text use them; a
 *   ZWJ also stays between emoji (👨‍👩‍👧). Anywhere else, and in runs, they are removed.
 * - Invisible format characters with no place in a paper or a chat are removed: the soft hyphen
 *   U+00AD (no renderer here hyphenates), U+180E, the invisible math operators and deprecated format
 *   controls U+2061–U+206F, the interlinear annotation controls U+FFF9–U+FFFB, and tag characters
 *   U+E0000–U+E007F except inside an emoji tag sequence (the flag of England). Format characters that
 *   scripts rely on (the Arabic number signs U+0600–U+0605, for instance) stay.
 * - A lone surrogate becomes U+FFFD, so the text is always valid UTF-16 (and encodable as UTF-8).
 */

/* eslint-disable no-control-regex -- finding control characters is what this file is for. */

/** Units outside the C0 range that `safeText` may change, as a regex character-class body. */
const UNSAFE_ABOVE_C0 =
  "\\x7f-\\x9f\\u00ad\\u061c\\u180e\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u206f\\ufeff\\ufff9-\\ufffb";
/** A tag character (U+E0000–U+E007F) or a lone surrogate, matched per UTF-16 unit. */
const UNSAFE_PAIRS =
  "\\udb40[\\udc00-\\udc7f]|[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]";

/** Anything `safeText` might change; no `u` flag, so text whose only non-ASCII is emoji stays on the fast path. */
const NEEDS_WORK = new RegExp(`[\\x00-\\x08\\x0b-\\x1f${UNSAFE_ABOVE_C0}]|${UNSAFE_PAIRS}`);

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** CSI | terminated string sequence (OSC, DCS, SOS, PM, APC) | any other ESC with its intermediates and final byte. */
const ESCAPE_SEQUENCE =
  /\x1b\[[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?|\x1b[\]PX^_][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)|\x1b[\x20-\x2f]*[\x30-\x7e]?/g;

const LINE_BREAK = /\r\n?|[\v\f\x85\u2028\u2029]/g;
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;
const BIDI_AND_INVISIBLE_FORMAT = /[\u00ad\u061c\u180e\u200e\u200f\u202a-\u202e\u2061-\u206f\ufff9-\ufffb]/g;
/** Group 1: a valid emoji tag sequence, kept; otherwise a stray tag character, removed. */
const TAG = /(\u{1F3F4}[\u{E0020}-\u{E007E}]+\u{E007F})|[\u{E0000}-\u{E007F}]/gu;
/** Group 1: a zero-width character between letters, or a ZWJ between emoji, kept; otherwise removed. */
const ZERO_WIDTH =
  /((?<=[\p{L}\p{M}])[\u200b-\u200d\u2060\ufeff](?=[\p{L}\p{M}])|(?<=[\p{Extended_Pictographic}\p{Emoji_Modifier}\ufe0f])\u200d(?=\p{Extended_Pictographic}))|[\u200b-\u200d\u2060\ufeff]/gu;

/**
 * Text from outside made safe to show anywhere (see the rules above). Text holding none of the
 * characters concerned (ASCII prose, most Unicode) is returned as is after one regex test. Never throws (a non-string gives ""), and idempotent:
 * `safeText(safeText(x)) === safeText(x)`.
 *
 * @example safeText("Paper\u001b]0;pwned\u0007\u001b[2J title") // "Paper title"
 * @example safeText("invoice\u202Efdp.exe") // "invoicefdp.exe"
 */
export function safeText(text: string): string {
  if (typeof text !== "string") return "";
  if (!NEEDS_WORK.test(text)) return text;
  // The order matters for idempotence: removing characters can bring others together (a ZWSP next
  // to a letter once a bidi mark between them is gone), so each step runs after those that could.
  return text
    .replace(LONE_SURROGATE, "\ufffd")
    .replace(ESCAPE_SEQUENCE, "")
    .replace(LINE_BREAK, "\n")
    .replace(CONTROL, "")
    .replace(BIDI_AND_INVISIBLE_FORMAT, "")
    .replace(TAG, "$1")
    .replace(ZERO_WIDTH, "$1");
}

/** `safeText` for places that hold one line (titles, names, labels): every line break and tab becomes a space. */
export function safeLine(text: string): string {
  const safe = safeText(text);
  return /[\n\t]/.test(safe) ? safe.replace(/[\n\t]/g, " ") : safe;
}

/** Units that `safeText` would touch, plus raw line breaks that cannot be JSON whitespace (VT, FF). */
const JSON_UNSAFE = new RegExp(`[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f${UNSAFE_ABOVE_C0}]|${UNSAFE_PAIRS}`, "g");

/**
 * JSON text with every character `safeText` would touch written as a `\uXXXX` escape: it parses to
 * exactly the same value, yet shows nothing hostile when printed (JSON.stringify leaves C1 controls,
 * bidi controls and zero-width characters raw). `\t`, `\n` and `\r` stay: outside strings they are
 * JSON whitespace, inside they are already escaped.
 *
 * @example safeJson(JSON.stringify({ title: "a\u202Eb" })) // '{"title":"a\\u202eb"}'
 */
export function safeJson(json: string): string {
  if (typeof json !== "string") return "";
  return json.replace(JSON_UNSAFE, (unit) => {
    // A tag character is a surrogate pair: escape both halves.
    let escaped = "";
    for (let i = 0; i < unit.length; i += 1)
      escaped += `\\u${unit.charCodeAt(i).toString(16).padStart(4, "0")}`;
    return escaped;
  });
}
