import { setTimeout as delay } from "node:timers/promises";
import pRetry from "p-retry";
import type { Logger } from "../core/log.js";
import type { RunDeadline } from "./deadline.js";
import {
  DeadlineExceededError,
  HttpError,
  NetworkError,
  RateLimitedError,
  ResponseTooLargeError,
  TimeoutError,
} from "./errors.js";

export interface HttpClientOptions {
  log: Logger;
  /**
   * How long an attempt may receive nothing (no headers, then no further part of the body) before
   * it fails with a TimeoutError; 30 s by default. A body that keeps arriving is bounded by the
   * run's deadline instead.
   */
  idleTimeoutMs?: number;
  /** Retries after the first attempt, for timeouts, network errors, 408, 429 and 5xx only. */
  retries?: number;
  /** First backoff; doubles each retry, jittered by a random factor of 1–2. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /**
   * A server's Retry-After is honoured up to this long when the request has no deadline. With a
   * deadline it is honoured in full when the wait ends before it, and ends the run at once otherwise.
   */
  maxRetryAfterMs?: number;
  /** Least time between the starts of two requests of this client (arXiv asks for 3 s). */
  spacingMs?: number;
  maxResponseBytes?: number;
  userAgent?: string;
  /** How the client waits for spacing and Retry-After; defaults to an abortable timer. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** What cuts a request short: the caller's signal, and the deadline a Retry-After is weighed against. */
export interface RequestBounds {
  signal?: AbortSignal;
  deadline?: RunDeadline;
}

const ERROR_BODY_CHARS = 65_536;
const RETRIABLE_STATUS = new Set([408, 429, 500, 502, 503, 504]);
const RETRY_AFTER_STATUS = new Set([429, 503]);

/**
 * GETs text with an idle timeout per attempt, bounded jittered retries, Retry-After and request
 * spacing, all cut short by the caller's signal and weighed against its deadline.
 * Each failed attempt that will be retried is logged once; the final failure is thrown for the caller.
 *
 * @example const xml = await new HttpClient({ log, spacingMs: 3_000 }).getText(url);
 */
export class HttpClient {
  private readonly log: Logger;
  private readonly idleTimeoutMs: number;
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
    this.idleTimeoutMs = options.idleTimeoutMs ?? 30_000;
    this.retries = options.retries ?? 3;
    this.minBackoffMs = options.minBackoffMs ?? 1_000;
    this.maxBackoffMs = options.maxBackoffMs ?? 30_000;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 120_000;
    this.spacingMs = options.spacingMs ?? 0;
    this.maxResponseBytes = options.maxResponseBytes ?? 50_000_000;
    this.userAgent = options.userAgent ?? "paperboy (research paper digests)";
    this.sleep = options.sleep ?? ((ms, signal) => delay(ms, undefined, { signal }));
  }

  /**
   * The body of a 2xx answer to GET `url`; throws HttpError, TimeoutError or NetworkError otherwise,
   * RateLimitedError when the server asks to wait past `deadline`, and the signal's reason (such as
   * DeadlineExceededError) once `signal` aborts.
   */
  async getText(url: string, bounds: RequestBounds = {}): Promise<string> {
    const { signal, deadline } = bounds;
    const attempts = this.retries + 1;
    try {
      return await pRetry(() => this.attempt(url, signal), {
        retries: this.retries,
        minTimeout: this.minBackoffMs,
        maxTimeout: this.maxBackoffMs,
        randomize: true,
        signal,
        shouldRetry: ({ error }) => isRetriable(error) && !signal?.aborted,
        onFailedAttempt: async ({ error, attemptNumber, retriesLeft }) => {
          if (signal?.aborted || !isRetriable(error)) return;
          const waitMs = this.retryAfterWait(error, url, deadline);
          if (retriesLeft === 0) return;
          const after = waitMs === undefined ? "" : ` after ${formatSeconds(waitMs)} as the server asked`;
          this.log.warn(
            { url, attempt: attemptNumber, status: error instanceof HttpError ? error.status : undefined },
            `${error.message}; retrying${after} (attempt ${attemptNumber + 1} of ${attempts})`,
          );
          if (waitMs !== undefined) await this.sleep(waitMs, signal);
        },
      });
    } catch (error) {
      // Backoff, Retry-After and spacing waits reject in their own ways once aborted: the signal's
      // reason says why, and a deadline gains the request it cut.
      if (!signal?.aborted) throw error;
      const reason: unknown = signal.reason;
      if (reason instanceof DeadlineExceededError && reason.url === undefined) {
        throw new DeadlineExceededError(reason.budgetMs, url, { cause: error });
      }
      throw reason;
    }
  }

  private async attempt(url: string, signal: AbortSignal | undefined): Promise<string> {
    await this.waitTurn(signal);
    const idle = new IdleTimer(this.idleTimeoutMs);
    const combined = signal ? AbortSignal.any([signal, idle.signal]) : idle.signal;
    try {
      const response = await fetch(url, { signal: combined, headers: { "user-agent": this.userAgent } });
      idle.restart();
      const body = await readBody(response, url, this.maxResponseBytes, () => idle.restart());
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
      if (idle.fired) throw new TimeoutError(url, this.idleTimeoutMs, { cause: error });
      throw new NetworkError(url, { cause: error });
    } finally {
      idle.stop();
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

  /**
   * How long the server asked to wait before the next attempt. Throws RateLimitedError when that
   * wait would end past the deadline: the run gives up now instead of sleeping into it.
   */
  private retryAfterWait(error: Error, url: string, deadline: RunDeadline | undefined): number | undefined {
    if (!(error instanceof HttpError) || error.retryAfterMs === undefined) return undefined;
    if (deadline === undefined) return Math.min(error.retryAfterMs, this.maxRetryAfterMs);
    if (Date.now() + error.retryAfterMs >= deadline.at) {
      throw new RateLimitedError(url, error.retryAfterMs, deadline.budgetMs, { cause: error });
    }
    return error.retryAfterMs;
  }
}

/** Aborts its signal once `ms` pass without a restart: each sign of life from the server restarts it. */
class IdleTimer {
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout;
  fired = false;

  constructor(private readonly ms: number) {
    this.timer = setTimeout(() => this.fire(), ms);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  restart(): void {
    if (this.fired) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.fire(), this.ms);
  }

  stop(): void {
    clearTimeout(this.timer);
  }

  private fire(): void {
    this.fired = true;
    this.controller.abort();
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

/** The whole body as text; `onChunk` hears of each part as it arrives. */
async function readBody(
  response: Response,
  url: string,
  limitBytes: number,
  onChunk: () => void,
): Promise<string> {
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
    onChunk();
    received += chunk.byteLength;
    if (received > limitBytes) throw new ResponseTooLargeError(url, limitBytes);
    text += decoder.decode(chunk, { stream: true });
  }
  return text + decoder.decode();
}

function formatSeconds(ms: number): string {
  return `${(ms / 1_000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}
