import { HttpError, type Transformer } from "grammy";
import type { Telemetry } from "../../core/telemetry.js";

/**
 * Tells `telemetry` how the Bot API answers, from the one place every call of the bot passes
 * through (polling, replies, digests, admin checks):
 *
 * - a call Telegram refused counts as an API error under its `error_code` ("429", "403"…), and a
 *   call that got no answer (network error, timeout) under "network";
 * - the connection is `up` while Telegram answers (any answer below 500), `down` while calls get
 *   no answer or a 5xx.
 *
 * Calls aborted on purpose (polling stopped, the process shutting down) count as neither. Installed
 * last (`bot.api.config.use`), it sees each call once, after the retries of auto-retry.
 *
 * @example telegram.bot.api.config.use(reportTelegramApi(telemetry));
 */
export function reportTelegramApi(telemetry: Telemetry): Transformer {
  return async (prev, method, payload, signal) => {
    try {
      const result = await prev(method, payload, signal);
      if (!result.ok) telemetry.platformError("telegram", String(result.error_code));
      telemetry.connection("telegram", !result.ok && result.error_code >= 500 ? "down" : "up");
      return result;
    } catch (error) {
      if (error instanceof HttpError && !signal?.aborted && !isAbort(error.error)) {
        telemetry.platformError("telegram", "network");
        telemetry.connection("telegram", "down");
      }
      throw error;
    }
  };
}

/** grammY wraps the fetch's AbortError when a call's signal (or the shutdown cutoff) aborts it. */
function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === "AbortError";
}
