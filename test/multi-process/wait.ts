export interface WaitOptions {
  /** Resolves the wait when true. */
  check: () => boolean | Promise<boolean>;
  timeoutMs: number;
  intervalMs?: number;
  /** A reason to give up at once (a process that exited), or undefined to keep waiting. */
  abort?: () => string | undefined;
  /** Said on timeout, after what was awaited: the state that was last seen. */
  detail?: () => string;
}

/**
 * Polls `check` until it holds; rejects naming `what` when `timeoutMs` passes or `abort` gives a
 * reason. A bounded wait: a loaded machine only makes it slower, never makes the test sleep blindly.
 */
export async function waitUntil(what: string, options: WaitOptions): Promise<void> {
  const { check, timeoutMs, intervalMs = 100, abort, detail } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    const reason = abort?.();
    if (reason !== undefined) throw new Error(`Gave up waiting for ${what}: ${reason}`);
    if (Date.now() >= deadline) {
      const seen = detail ? `\n${detail()}` : "";
      throw new Error(`Timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}.${seen}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Rejects after `ms` with a message naming `what` (made then), unless `promise` settles first. */
export async function within<T>(what: () => string, ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${Math.round(ms / 1000)} s: ${what()}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
