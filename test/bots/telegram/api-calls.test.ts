import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ApiCallFn } from "grammy";
import {
  abortCallsOn,
  FAILING_REMINDER_MS,
  UNANSWERED_WARN_MS,
  watchPolling,
} from "../../../src/bots/telegram/api-calls.js";
import { recordingLogger, TOKEN } from "./harness.js";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

type Answer = Awaited<ReturnType<ApiCallFn>>;
const ok: Answer = { ok: true, result: [] };
const failure: Answer = { ok: false, error_code: 502, description: "Bad Gateway" };

/** A raw call answering from `answers` in turn (a function may hang or throw). */
function rawCalls(...answers: Array<Answer | (() => Promise<Answer>)>): ApiCallFn {
  return (async () => {
    const next = answers.shift() ?? ok;
    return typeof next === "function" ? next() : next;
  }) as ApiCallFn;
}

function call(watch: ReturnType<typeof watchPolling>, prev: ApiCallFn, method = "getUpdates", payload = {}) {
  return watch(prev, method as "getUpdates", payload as never).catch(() => undefined);
}

const warnings = (log: ReturnType<typeof recordingLogger>) =>
  log.lines.filter((line) => line.level === "warn").map((line) => line.msg);

describe("watchPolling", () => {
  it("warns at the first failed poll, reminds at most once a minute, and says when Telegram answers again", async () => {
    const log = recordingLogger();
    const watch = watchPolling(log, TOKEN);
    const prev = rawCalls(failure, failure, failure, ok);

    await call(watch, prev);
    await call(watch, prev);
    expect(warnings(log)).toEqual([
      "telegram getUpdates failed: 502 Bad Gateway; polling keeps trying (1 failed so far)",
    ]);
    await vi.advanceTimersByTimeAsync(FAILING_REMINDER_MS);
    await call(watch, prev);
    expect(warnings(log)).toHaveLength(2);
    expect(warnings(log)[1]).toContain("(3 failed so far)");

    await call(watch, prev);
    expect(log.lines.at(-1)?.msg).toBe("telegram answers again, after 3 failed polling calls");
  });

  it("warns of a long poll left unanswered past its own timeout", async () => {
    const log = recordingLogger();
    const watch = watchPolling(log, TOKEN);
    void call(
      watch,
      rawCalls(() => new Promise<Answer>(() => {})),
      "getUpdates",
      { timeout: 30 },
    );

    await vi.advanceTimersByTimeAsync(30_000 + UNANSWERED_WARN_MS - 1);
    expect(warnings(log)).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(warnings(log)).toEqual([
      "telegram getUpdates failed: no answer after 45 s; polling keeps trying (1 failed so far)",
    ]);
  });

  it("says nothing of calls other than polling, nor of a poll aborted on purpose", async () => {
    const log = recordingLogger();
    const watch = watchPolling(log, TOKEN);
    await call(watch, rawCalls(failure), "sendMessage");
    const stopped = new AbortController();
    stopped.abort();
    await watch(
      (() => Promise.reject(new Error("aborted"))) as ApiCallFn,
      "getUpdates",
      {},
      stopped.signal as never,
    ).catch(() => undefined);

    expect(log.lines).toEqual([]);
  });
});

describe("abortCallsOn", () => {
  /** A call that answers only once its signal is aborted, saying so. */
  const untilAborted = ((_method: string, _payload: unknown, signal?: AbortSignal) =>
    new Promise<Answer>((resolve) => {
      const aborted = () => resolve({ ok: false, error_code: 0, description: "aborted" });
      if (signal?.aborted) aborted();
      else signal?.addEventListener("abort", aborted);
    })) as unknown as ApiCallFn;

  it("aborts every call under way when the cutoff is aborted, and every later call at once", async () => {
    const cutoff = new AbortController();
    const own = new AbortController();
    const transform = abortCallsOn(cutoff.signal);
    const plain = transform(untilAborted, "sendMessage", {} as never);
    const polled = transform(untilAborted, "getUpdates", {} as never, own.signal as never);

    cutoff.abort();

    expect(await plain).toMatchObject({ description: "aborted" });
    expect(await polled).toMatchObject({ description: "aborted" });
    expect(await transform(untilAborted, "getMe", {} as never)).toMatchObject({ description: "aborted" });
  });

  it("still lets a call's own signal abort it alone", async () => {
    const cutoff = new AbortController();
    const own = new AbortController();
    const transform = abortCallsOn(cutoff.signal);
    let otherDone = false;
    void transform(untilAborted, "sendMessage", {} as never).then(() => (otherDone = true));
    const polled = transform(untilAborted, "getUpdates", {} as never, own.signal as never);

    own.abort();

    expect(await polled).toMatchObject({ description: "aborted" });
    await vi.advanceTimersByTimeAsync(0);
    expect(otherDone).toBe(false);
    cutoff.abort();
  });
});
