import { safeJson, safeLine, safeText } from "../core/safe-text.js";

/**
 * Text safe to print on a terminal, by the one sanitiser every renderer uses (src/core/safe-text.ts):
 * escape sequences, control, bidi and stray zero-width characters are removed, so a hostile title
 * cannot drive the terminal. Line breaks and tabs become spaces unless `keepNewlines` is set.
 */
export function stripControls(text: string, options: { keepNewlines?: boolean } = {}): string {
  return options.keepNewlines ? safeText(text) : safeLine(text);
}

/**
 * `JSON.stringify` for a terminal: it parses back to the very same value, but characters a terminal
 * would act on or hide (C1 and bidi controls, zero-width characters, which JSON leaves raw) are
 * written as `\uXXXX` escapes.
 */
export function terminalJson(value: unknown, indent?: number): string {
  return safeJson(JSON.stringify(value, null, indent));
}
