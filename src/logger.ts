import { pino } from "pino";
import { prettyFactory } from "pino-pretty";
import { safeJson, safeText } from "./core/safe-text.js";

export interface LoggerOptions {
  level: pino.LevelWithSilentOrString;
  /** JSON lines when true; readable, one event per block, otherwise. */
  production: boolean;
  /** Values scrubbed from every line written, wherever they appear (tokens, webhook secrets). */
  secrets: readonly string[];
  /** Where lines go; standard output when absent. */
  destination?: pino.DestinationStream;
}

const CENSOR = "[Redacted]";

/** Keys whose values are dropped whatever they hold, even secrets the logger was not told about. */
const REDACTED_KEYS = ["token", "authorization", "secret", "password", "apiKey", "cookie"];
const REDACT_PATHS = [
  ...REDACTED_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]),
  "headers",
  "*.headers",
  "*.*.headers",
];

/** Every form a secret takes in a log line: as is, escaped inside a JSON string, and URL-encoded. */
function secretForms(secrets: readonly string[]): string[] {
  const forms = secrets
    .filter((secret) => secret.length > 0)
    .flatMap((secret) => [secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)]);
  return [...new Set(forms)].sort((a, b) => b.length - a.length);
}

function scrubberFor(secrets: readonly string[]): (text: string) => string {
  const forms = secretForms(secrets);
  if (forms.length === 0) return (text) => text;
  const pattern = new RegExp(forms.map((form) => form.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "g");
  return (text) => text.replace(pattern, CENSOR);
}

/**
 * Replaces every occurrence of the given secrets in `text` (raw, JSON-escaped or URL-encoded).
 *
 * @example redactSecrets("GET https://api.telegram.org/bot123:abc/getMe", ["123:abc"])
 *   // "GET https://api.telegram.org/bot[Redacted]/getMe"
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  return scrubberFor(secrets)(text);
}

/**
 * Readable lines for development. pino-pretty prints the strings of a line unescaped, so a feed's
 * title could send escape sequences to the terminal: every string (and key) is passed through
 * `safeText` before pino-pretty sees it, leaving its own colours intact.
 */
function prettyFormatter(colorize: boolean): (line: string) => string {
  const pretty = prettyFactory({ colorize, translateTime: "SYS:HH:MM:ss", ignore: "pid,hostname" });
  return (line) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      return `${safeText(line.trimEnd())}\n`;
    }
    // pino-pretty takes a log object as well as a line; this one is the line, made safe.
    return pretty(safeValue(parsed));
  };
}

/** `value` with every string and key through `safeText`; `__proto__` keys are dropped, as pino-pretty does. */
function safeValue(value: unknown): unknown {
  if (typeof value === "string") return safeText(value);
  if (Array.isArray(value)) return value.map(safeValue);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== "__proto__")
      .map(([key, item]) => [safeText(key), safeValue(item)]),
  );
}

/**
 * Scrubs the finished line rather than the logged objects, so every path is covered at once:
 * messages, fields, error messages and stacks, child bindings, even keys. Pretty output is
 * scrubbed again because pretty-printing unescapes strings. JSON lines get the characters JSON
 * leaves raw (C1 and bidi controls, zero-width characters) as `\uXXXX` escapes: the value is the
 * same, but `tail -f` on a terminal shows nothing hostile.
 */
function scrubbingStream(
  output: pino.DestinationStream,
  scrub: (text: string) => string,
  format: ((line: string) => string) | undefined,
): pino.DestinationStream {
  const flushable = output as pino.DestinationStream & { flushSync?: () => void };
  return {
    write(line: string) {
      const clean = scrub(line);
      output.write(format ? scrub(format(clean)) : safeJson(clean));
    },
    ...(flushable.flushSync && { flushSync: () => flushable.flushSync?.() }),
  };
}

/**
 * Creates the application logger: JSON lines in production, readable text otherwise. Keys such
 * as `token` or `headers` are redacted, and the given secret values never reach the output.
 *
 * @example const log = createLogger({ level: config.logLevel, production: config.production, secrets: configSecrets(config) });
 */
export function createLogger(options: LoggerOptions): pino.Logger {
  const output = options.destination ?? pino.destination({ dest: 1, sync: true });
  const colorize = options.destination === undefined && process.stdout.isTTY === true;
  const format = options.production ? undefined : prettyFormatter(colorize);
  const stream = scrubbingStream(output, scrubberFor(options.secrets), format);
  return pino({ level: options.level, redact: { paths: REDACT_PATHS, censor: CENSOR } }, stream);
}
