import { constants } from "node:os";

/**
 * SIGTERM and SIGINT that arrive while the modules still load, before `main()` can listen: kept
 * here, so that the process, once ready to listen, shuts down cleanly instead of being killed
 * mid-load by the default handler. A second one exits at once. Imported first by the entry point,
 * so that it listens before the heavier modules are evaluated.
 */
const received: NodeJS.Signals[] = [];

function remember(signal: NodeJS.Signals): void {
  if (received.length > 0) process.exit(128 + (constants.signals[signal] ?? 0));
  received.push(signal);
}

process.on("SIGTERM", remember);
process.on("SIGINT", remember);

/** Stops listening (the caller listens from now on) and tells the first signal received, if any. */
export function takeEarlySignal(): NodeJS.Signals | undefined {
  process.off("SIGTERM", remember);
  process.off("SIGINT", remember);
  return received[0];
}
