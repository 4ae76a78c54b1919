/**
 * A garbage collection, then another once the event loop has turned: what is freed is handed back
 * to the system only then (a worker's memory, for one), as it is in an instance that keeps running.
 * Collects only in a process started with --expose-gc.
 */
export async function settle(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  await new Promise((resolve) => setTimeout(resolve, 0));
  gc?.();
}
