import { safeLine } from "../../core/safe-text.js";

const ELLIPSIS = "…";
const URL_PATTERN = /https?:\/\/[^\s<>]+/g;

/**
 * Makes text that paperboy did not write show literally on Discord: markdown shows as typed and
 * mentions never render as pills or pings (allowedMentions already blocks the ping itself). Expects
 * text already through the core `safeText`. Linear on purpose: discord.js's `escapeMarkdown` takes
 * seconds on a long abstract.
 */
export function escapeMarkdownText(text: string): string {
  let result = "";
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    result += escapeMarkdownLinear(text.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  result += escapeMarkdownLinear(text.slice(last));
  return result.replace(/@(everyone|here)/gi, "@\u200b$1").replace(/<([@#])/g, "<\u200b$1");
}

/** Escapes inline markdown everywhere, and quotes, headings and lists at line starts. URLs stay untouched by the caller. */
function escapeMarkdownLinear(text: string): string {
  return text.replace(/[\\*_~`|[\]]/g, "\\$&").replace(/^(\s*)(>|#{1,3} |-# |[-+] )/gm, "$1\\$2");
}

/** `escapeMarkdownText` cut to at most `max` characters, ending with "…" when shortened. */
export function fitSafe(text: string, max: number): string {
  const trimmed = text.trim();
  const full = escapeMarkdownText(trimmed);
  if (full.length <= max) return full;
  // Escaping only lengthens text, so cut first and shrink until the escaped form fits.
  let keep = Math.min(trimmed.length, max) - ELLIPSIS.length;
  let candidate = escapeMarkdownText(cutAt(trimmed, keep)).trimEnd();
  while (candidate.length + ELLIPSIS.length > max && keep > 0) {
    keep -= candidate.length + ELLIPSIS.length - max;
    candidate = escapeMarkdownText(cutAt(trimmed, keep)).trimEnd();
  }
  return withoutDanglingEscape(candidate) + ELLIPSIS;
}

/**
 * One line of text for places without markdown (embed footers, button labels, autocomplete
 * choices), sanitised and cut to `max` characters. Sanitising here too covers the choices the
 * commands build from a user's own interests, which never pass through a Reply.
 */
export function fitPlain(unsafe: string, max: number): string {
  const text = safeLine(unsafe);
  if (text.length <= max) return text;
  return withoutDanglingEscape(cutAt(text, max - ELLIPSIS.length).trimEnd()) + ELLIPSIS;
}

/** Splits text into chunks of at most `max` characters, at line breaks where possible, else at spaces. */
export function chunkLines(text: string, max: number): string[] {
  const chunks: string[] = [];
  let current = "";
  for (const line of text.split("\n")) {
    for (const piece of splitLongLine(line, max)) {
      const joined = current ? `${current}\n${piece}` : piece;
      if (joined.length <= max) {
        current = joined;
      } else {
        if (current) chunks.push(current);
        current = piece;
      }
    }
  }
  if (current.trim()) chunks.push(current);
  return chunks;
}

function splitLongLine(line: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = line;
  while (rest.length > max) {
    const window = cutAt(rest, max);
    const space = window.lastIndexOf(" ");
    const cut = space > max * 0.8 ? space : window.length;
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut).trimStart();
  }
  pieces.push(rest);
  return pieces;
}

/** Cuts to `length` UTF-16 units without splitting a surrogate pair. */
function cutAt(text: string, length: number): string {
  if (length <= 0) return "";
  const cut = text.slice(0, length);
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}

/** A lone trailing backslash would escape the ellipsis instead of the character it was meant for. */
function withoutDanglingEscape(text: string): string {
  const trailing = /\\+$/.exec(text)?.[0].length ?? 0;
  return trailing % 2 === 1 ? text.slice(0, -1) : text;
}
