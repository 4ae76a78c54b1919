// C0 and C1 control characters (\p{Cc}): a hostile title must not drive the terminal with escape sequences.
const CONTROLS = /\p{Cc}/gu;
const CONTROLS_BUT_NEWLINE = /(?!\n)\p{Cc}/gu;

/**
 * Text safe to print on a terminal: every control character becomes a space (so words it separated stay
 * apart); with `keepNewlines`, line breaks are kept.
 */
export function stripControls(text: string, options: { keepNewlines?: boolean } = {}): string {
  return text.replace(options.keepNewlines ? CONTROLS_BUT_NEWLINE : CONTROLS, " ");
}
