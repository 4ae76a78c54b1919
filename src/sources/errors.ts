import { formatDuration } from "./duration.js";

/** The server answered with a status other than 2xx. `body` is kept (capped) because arXiv explains 400s in it. */
export class HttpError extends Error {
  override readonly name = "HttpError";

  constructor(
    readonly url: string,
    readonly status: number,
    readonly statusText: string,
    readonly body: string,
    /** How long the server asked us to wait (Retry-After), in ms. */
    readonly retryAfterMs?: number,
  ) {
    super(`GET ${url} answered ${status} ${statusText}`.trim() + hintFor(status));
  }
}

function hintFor(status: number): string {
  if (status === 429) return " (rate limited: the source wants fewer requests)";
  if (status === 404) return " (not found: check the API root URL)";
  if (status >= 500) return " (the source is having trouble; try again later)";
  return "";
}

/** Nothing arrived (no headers, or no more of the body) for the client's idle timeout. */
export class TimeoutError extends Error {
  override readonly name = "TimeoutError";

  constructor(
    readonly url: string,
    readonly idleMs: number,
    options?: ErrorOptions,
  ) {
    super(`GET ${url} timed out: nothing arrived for ${formatDuration(idleMs)}`, options);
  }
}

/**
 * The source's run reached its deadline (INGEST_TIMEOUT) before it finished; it is tried again at
 * the next run. `url` names the request that was still under way, when one was.
 */
export class DeadlineExceededError extends Error {
  override readonly name = "DeadlineExceededError";

  constructor(
    readonly budgetMs: number,
    readonly url?: string,
    options?: ErrorOptions,
  ) {
    const waiting = url === undefined ? "" : `, waiting on GET ${url}`;
    super(`gave up at this run's ${formatDuration(budgetMs)} deadline${waiting}`, options);
  }
}

/**
 * The server asked to be left alone (Retry-After) for longer than the run has left: waiting would
 * only run into the deadline, so the source gives up for this run at once.
 */
export class RateLimitedError extends Error {
  override readonly name = "RateLimitedError";

  constructor(
    readonly url: string,
    readonly retryAfterMs: number,
    readonly budgetMs: number,
    options?: ErrorOptions,
  ) {
    super(
      `rate limited (Retry-After ${Math.ceil(retryAfterMs / 1_000)} s, ` +
        `past this run's ${formatDuration(budgetMs)} deadline)`,
      options,
    );
  }
}

/** The connection failed before any answer (DNS, refused, reset). */
export class NetworkError extends Error {
  override readonly name = "NetworkError";

  constructor(
    readonly url: string,
    options: ErrorOptions & { cause: unknown },
  ) {
    super(`GET ${url} failed before an answer arrived: ${describeCause(options.cause)}`, options);
  }
}

/** The answer was bigger than the client accepts; a daily feed never is. */
export class ResponseTooLargeError extends Error {
  override readonly name = "ResponseTooLargeError";

  constructor(
    readonly url: string,
    readonly limitBytes: number,
  ) {
    super(`GET ${url} answered more than ${limitBytes} bytes, the most a feed may hold`);
  }
}

/** A source answered, but not with the format paperboy reads. */
export class MalformedPayloadError extends Error {
  override readonly name = "MalformedPayloadError";

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
  }
}

/** The arXiv API refused the query and said why in its error feed. */
export class ArxivApiError extends Error {
  override readonly name = "ArxivApiError";

  constructor(
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(`the arXiv API refused the query: ${reason}`, options);
  }
}

function describeCause(cause: unknown): string {
  if (!(cause instanceof Error)) return String(cause);
  const inner = cause.cause instanceof Error ? `: ${cause.cause.message}` : "";
  return `${cause.message}${inner}`;
}
