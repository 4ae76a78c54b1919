import type { ApiCallFn, Transformer } from "grammy";
import type { Logger } from "../../core/log.js";
import { describeError } from "./errors.js";

/** The calls long polling is made of: when they fail, updates stop arriving, and the operator must hear it. */
const POLLING_METHODS = new Set(["deleteWebhook", "getUpdates"]);
/** A polling call unanswered this long (a long poll's own timeout on top) is reported as failing. */
export const UNANSWERED_WARN_MS = 15_000;
/** While polling calls keep failing, a reminder at most this often after the first warning. */
export const FAILING_REMINDER_MS = 60_000;

/** grammY types its signals with the abort-controller polyfill's class. */
type GrammySignal = NonNullable<Parameters<ApiCallFn>[2]>;

/**
 * Node's own AbortSignal as grammY's type: at run time grammY only adds and removes an "abort"
 * listener and reads `aborted`, which both provide alike.
 */
export function grammySignal(signal: AbortSignal): GrammySignal {
  return signal as unknown as GrammySignal;
}

/**
 * Every call made through the API fails at once when `cutoff` is aborted (and from then on). A
 * call's own signal (grammY's polling passes one) still works: either one aborts it.
 */
export function abortCallsOn(cutoff: AbortSignal): Transformer {
  return async (prev, method, payload, signal) => {
    if (!signal) return prev(method, payload, grammySignal(cutoff));
    const both = new AbortController();
    const abort = () => both.abort();
    if (signal.aborted || cutoff.aborted) both.abort();
    signal.addEventListener("abort", abort);
    cutoff.addEventListener("abort", abort);
    try {
      return await prev(method, payload, grammySignal(both.signal));
    } finally {
      signal.removeEventListener("abort", abort);
      cutoff.removeEventListener("abort", abort);
    }
  };
}

/**
 * Reports failing polling calls as they happen. grammY retries them quietly for ever (a 5xx, a
 * network error, a call that never returns), so without this a broken Bot API looks like a quiet
 * chat. The first failure is a warning at once; while failures go on, a reminder at most every
 * FAILING_REMINDER_MS; the first success after them says so. Calls aborted on purpose (polling
 * stopped) are not failures. Reasons never hold the token.
 */
export function watchPolling(log: Logger, token: string, now: () => number = Date.now): Transformer {
  let failures = 0;
  let lastWarnAt: number | undefined;
  const failed = (method: string, reason: string) => {
    failures += 1;
    const at = now();
    if (lastWarnAt !== undefined && at - lastWarnAt < FAILING_REMINDER_MS) return;
    lastWarnAt = at;
    log.warn(
      { method, failures, reason },
      `telegram ${method} failed: ${reason}; polling keeps trying (${failures} failed so far)`,
    );
  };
  const answered = () => {
    if (failures === 0) return;
    log.info({ failures }, `telegram answers again, after ${failures} failed polling calls`);
    failures = 0;
    lastWarnAt = undefined;
  };

  return async (prev, method, payload, signal) => {
    if (!POLLING_METHODS.has(method)) return prev(method, payload, signal);
    const limitMs = UNANSWERED_WARN_MS + longPollSeconds(payload) * 1000;
    const timer = setTimeout(() => failed(method, `no answer after ${limitMs / 1000} s`), limitMs);
    timer.unref();
    try {
      const result = await prev(method, payload, signal);
      if (result.ok) answered();
      else if (result.error_code >= 500 || result.error_code === 429)
        failed(method, `${result.error_code} ${result.description}`);
      return result;
    } catch (error) {
      if (!signal?.aborted) failed(method, describeError(error, token));
      throw error;
    } finally {
      clearTimeout(timer);
    }
  };
}

/** How long Telegram may hold a getUpdates call open before answering it (its `timeout`). */
function longPollSeconds(payload: unknown): number {
  if (typeof payload !== "object" || payload === null || !("timeout" in payload)) return 0;
  const timeout = Number(payload.timeout);
  return Number.isFinite(timeout) && timeout > 0 ? timeout : 0;
}
