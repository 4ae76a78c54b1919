import { pino } from "pino";
import { prettyFactory } from "pino-pretty";

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

function prettyFormatter(colorize: boolean): (line: string) => string {
  return prettyFactory({ colorize, translateTime: "SYS:HH:MM:ss", ignore: "pid,hostname" });
}

/**
 * Scrubs the finished line rather than the logged objects, so every path is covered at once:
 * messages, fields, error messages and stacks, child bindings, even keys. Pretty output is
 * scrubbed again because pretty-printing unescapes strings.
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
      output.write(format ? scrub(format(clean)) : clean);
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
