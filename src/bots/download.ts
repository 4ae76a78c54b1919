/** How long a platform's file server may take to deliver a file a user sent with a command. */
export const DOWNLOAD_TIMEOUT_MS = 15_000;

export type DownloadFailure = "status" | "too-large" | "timeout" | "network";

/**
 * A file could not be fetched. The message never holds the URL: Telegram's file URLs carry the bot
 * token and Discord's carry signed parameters, and this message ends up in logs.
 */
export class DownloadError extends Error {
  override readonly name = "DownloadError";
  constructor(
    readonly reason: DownloadFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface DownloadOptions {
  /** The download stops and fails as soon as more than this many bytes arrive (or are announced). */
  maxBytes: number;
  timeoutMs?: number;
}

/**
 * Fetches a text file with a timeout and a byte cap enforced while it streams in (a server may
 * announce one size and send another), then decodes it as UTF-8. Bytes that are not UTF-8 become
 * U+FFFD, which the library reader recognises as a binary file.
 *
 * @example
 * const { text } = await downloadText(url, { maxBytes: MAX_LIBRARY_BYTES });
 */
export async function downloadText(
  url: string,
  options: DownloadOptions,
): Promise<{ text: string; bytes: number }> {
  const timeoutMs = options.timeoutMs ?? DOWNLOAD_TIMEOUT_MS;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  try {
    const body = await readCapped(url, options.maxBytes, controller);
    return { text: new TextDecoder("utf-8").decode(body), bytes: body.byteLength };
  } catch (error) {
    if (error instanceof DownloadError) throw error;
    if (timedOut) throw new DownloadError("timeout", `no complete answer within ${timeoutMs / 1000} s`);
    throw new DownloadError("network", `network error${errorCode(error)}`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}

async function readCapped(url: string, maxBytes: number, controller: AbortController): Promise<Uint8Array> {
  const response = await fetch(url, { signal: controller.signal });
  if (!response.ok) {
    controller.abort();
    throw new DownloadError("status", `the file server answered HTTP ${response.status}`);
  }
  const announced = Number(response.headers.get("content-length") ?? Number.NaN);
  if (announced > maxBytes) {
    controller.abort();
    throw tooLarge(maxBytes);
  }
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (bytes > maxBytes) {
      controller.abort();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function tooLarge(maxBytes: number): DownloadError {
  return new DownloadError("too-large", `the file is larger than ${maxBytes} bytes`);
}

/** ` (ECONNREFUSED)`: the code of the network error, never its message (which may quote the URL). */
function errorCode(error: unknown): string {
  const cause = error instanceof Error ? (error.cause ?? error) : error;
  const code = (cause as { code?: unknown } | undefined)?.code;
  return typeof code === "string" ? ` (${code})` : "";
}
