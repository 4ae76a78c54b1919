import { setTimeout as delay } from "node:timers/promises";
import pRetry from "p-retry";
import type { Logger } from "../core/log.js";
import { HttpError, NetworkError, ResponseTooLargeError, TimeoutError } from "./errors.js";

export interface HttpClientOptions {
  log: Logger;
  /** Per attempt, body included. */
  timeoutMs?: number;
  /** Retries after the first attempt, for timeouts, network errors, 408, 429 and 5xx only. */
  retries?: number;
  /** First backoff; doubles each retry, jittered by a random factor of 1–2. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** A server's Retry-After is honoured up to this long. */
  maxRetryAfterMs?: number;
  /** Least time between the starts of two requests of this client (arXiv asks for 3 s). */
  spacingMs?: number;
  maxResponseBytes?: number;
  userAgent?: string;
  /** How the client waits for spacing and Retry-After; defaults to an abortable timer. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

const ERROR_BODY_CHARS = 65_536;
const RETRIABLE_STATUS = new Set([408, 429, 500, 502, 503, 504]);
const RETRY_AFTER_STATUS = new Set([429, 503]);

/**
 * GETs text with a timeout per attempt, bounded jittered retries, Retry-After and request spacing.
 * Each failed attempt that will be retried is logged once; the final failure is thrown for the caller.
 *
 * @example const xml = await new HttpClient({ log, spacingMs: 3_000 }).getText(url);
 */
export class HttpClient {
  private readonly log: Logger;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly minBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly maxRetryAfterMs: number;
  private readonly spacingMs: number;
  private readonly maxResponseBytes: number;
  private readonly userAgent: string;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private nextStartAt = 0;

  constructor(options: HttpClientOptions) {
    this.log = options.log;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.retries = options.retries ?? 3;
    this.minBackoffMs = options.minBackoffMs ?? 1_000;
    this.maxBackoffMs = options.maxBackoffMs ?? 30_000;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 120_000;
    this.spacingMs = options.spacingMs ?? 0;
    this.maxResponseBytes = options.maxResponseBytes ?? 50_000_000;
    this.userAgent = options.userAgent ?? "paperboy (research paper digests)";
    this.sleep = options.sleep ?? ((ms, signal) => delay(ms, undefined, { signal }));
  }

  /** The body of a 2xx answer to GET `url`; throws HttpError, TimeoutError, NetworkError otherwise. */
  async getText(url: string, options: { signal?: AbortSignal } = {}): Promise<string> {
    const { signal } = options;
    const attempts = this.retries + 1;
    return pRetry(() => this.attempt(url, signal), {
      retries: this.retries,
      minTimeout: this.minBackoffMs,
      maxTimeout: this.maxBackoffMs,
      randomize: true,
      signal,
      shouldRetry: ({ error }) => isRetriable(error) && !signal?.aborted,
      onFailedAttempt: async ({ error, attemptNumber, retriesLeft }) => {
        if (signal?.aborted || retriesLeft === 0 || !isRetriable(error)) return;
        const waitMs = this.retryAfterWait(error);
        const after = waitMs === undefined ? "" : ` after ${formatSeconds(waitMs)} as the server asked`;
        this.log.warn(
          { url, attempt: attemptNumber, status: error instanceof HttpError ? error.status : undefined },
          `${error.message}; retrying${after} (attempt ${attemptNumber + 1} of ${attempts})`,
        );
        if (waitMs !== undefined) await this.sleep(waitMs, signal);
      },
    });
  }

  private async attempt(url: string, signal: AbortSignal | undefined): Promise<string> {
    await this.waitTurn(signal);
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    try {
      const response = await fetch(url, { signal: combined, headers: { "user-agent": this.userAgent } });
      const body = await readBody(response, url, this.maxResponseBytes);
      if (response.ok) return body;
      const retryAfter = RETRY_AFTER_STATUS.has(response.status)
        ? parseRetryAfter(response.headers.get("retry-after"))
        : undefined;
      throw new HttpError(
        url,
        response.status,
        response.statusText,
        body.slice(0, ERROR_BODY_CHARS),
        retryAfter,
      );
    } catch (error) {
      if (error instanceof HttpError || error instanceof ResponseTooLargeError) throw error;
      if (signal?.aborted) throw error;
      if (timeout.aborted) throw new TimeoutError(url, this.timeoutMs, { cause: error });
      throw new NetworkError(url, { cause: error });
    }
  }

  /** Reserves the next start slot synchronously, so concurrent callers queue up instead of racing. */
  private async waitTurn(signal: AbortSignal | undefined): Promise<void> {
    if (this.spacingMs <= 0) return;
    const now = Date.now();
    const startAt = Math.max(now, this.nextStartAt);
    this.nextStartAt = startAt + this.spacingMs;
    if (startAt > now) await this.sleep(startAt - now, signal);
  }

  private retryAfterWait(error: Error): number | undefined {
    if (!(error instanceof HttpError) || error.retryAfterMs === undefined) return undefined;
    return Math.min(error.retryAfterMs, this.maxRetryAfterMs);
  }
}

function isRetriable(error: Error): boolean {
  if (error instanceof TimeoutError || error instanceof NetworkError) return true;
  return error instanceof HttpError && RETRIABLE_STATUS.has(error.status);
}

/**
 * Milliseconds to wait from a Retry-After header: delay-seconds or an HTTP date.
 * Undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  const trimmed = value?.trim();
  if (!trimmed) return undefined;
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1_000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

async function readBody(response: Response, url: string, limitBytes: number): Promise<string> {
  const declared = Number(response.headers.get("content-length") ?? 0);
  if (declared > limitBytes) {
    await response.body?.cancel();
    throw new ResponseTooLargeError(url, limitBytes);
  }
  if (!response.body) return "";
  const decoder = new TextDecoder();
  let received = 0;
  let text = "";
  for await (const chunk of response.body) {
    received += chunk.byteLength;
    if (received > limitBytes) throw new ResponseTooLargeError(url, limitBytes);
    text += decoder.decode(chunk, { stream: true });
  }
  return text + decoder.decode();
}

function formatSeconds(ms: number): string {
  return `${(ms / 1_000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}
