import type { Worker } from "node:worker_threads";
import {
  COUNTED,
  type CountedShare,
  type CountJob,
  END,
  type CountMessage,
  RENUMBERED,
} from "./count-job.js";
import type { PaperText } from "../paper.js";
import type { RowRenumbering } from "./term-order.js";
import { startWorker } from "./worker-script.js";

/**
 * Batches sent and not yet counted: the worker `accepts` another while fewer are in flight, and
 * `send` waits while more are. Enough to keep the worker busy while the sender counts a page of
 * its own; few, since each is a copy of its text until the worker has read it, and batches piling
 * up behind a worker still starting would leave tens of megabytes of the process's memory taken.
 */
const IN_FLIGHT = 2;
/**
 * The counting worker's young generation, in MB. Left to grow as it may (two semi-spaces of up to
 * 16 MB each on Node 20), it holds that much of the build's memory for the short-lived strings of
 * tokenizing; capped, the counting stays below the peak the inversion reaches.
 */
const YOUNG_GENERATION_MB = 16;

/**
 * A worker thread counting papers into rows (see count-worker), fed in batches, a few at a time.
 * Runs from the compiled build and from TypeScript sources alike. `result` rejects when the worker
 * cannot start or fails.
 */
export class CountingWorker {
  readonly result: Promise<CountedShare>;
  /** Settles once the worker has exited and its memory is free. */
  readonly exited: Promise<void>;
  private readonly worker: Worker;
  private inFlight = 0;
  private wake: (() => void) | undefined;
  /** Answered or failed: no batch is waited for any more. */
  private done = false;
  private renumbered: ((done: boolean) => void) | undefined;
  private gone = false;

  constructor(job: CountJob) {
    this.worker = startWorker("count-worker", { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB });
    const worker = this.worker;
    this.exited = new Promise((resolve) => worker.once("exit", () => resolve()));
    this.result = new Promise((resolve, reject) => {
      worker.on("message", (message: typeof COUNTED | typeof RENUMBERED | CountedShare) => {
        if (message === COUNTED) this.counted();
        else if (message === RENUMBERED) this.settleRenumbering(true);
        else resolve(message);
      });
      worker.once("error", reject);
      worker.once("exit", (code) => {
        this.gone = true;
        reject(new Error(`The counting worker stopped early (exit code ${code}).`));
        this.settleRenumbering(false);
      });
    });
    // Handled where awaited; until then a failure must not count as an unhandled rejection.
    this.result.catch(() => undefined);
    const finish = () => {
      this.done = true;
      this.counted();
    };
    this.result.then(finish, finish);
    try {
      this.post(job);
    } catch (error) {
      // Not left running for a job it never got.
      void worker.terminate();
      throw error;
    }
  }

  /**
   * Sends papers `from … to-1` to be counted, in the order they are meant to be numbered; resolves
   * once few enough batches are in flight to send another.
   */
  async send(papers: readonly PaperText[], from: number, to: number): Promise<void> {
    if (to <= from) return;
    const batch: PaperText[] = [];
    for (let i = from; i < to; i++) {
      const paper = papers[i] as PaperText;
      batch.push({ title: paper.title, abstract: paper.abstract });
    }
    this.post(batch);
    this.inFlight++;
    while (!this.done && this.inFlight > IN_FLIGHT)
      await new Promise<void>((resolve) => (this.wake = resolve));
  }

  /** Whether a batch sent now would not wait: fewer than the most batches are in flight. */
  get accepts(): boolean {
    return !this.done && this.inFlight < IN_FLIGHT;
  }

  /**
   * Once `result` has answered: has the worker rewrite these rows in new term ids (see
   * renumberRows), then exit. Resolves to whether it did.
   */
  renumber(rows: RowRenumbering): Promise<boolean> {
    if (this.gone) return Promise.resolve(false);
    const done = new Promise<boolean>((resolve) => (this.renumbered = resolve));
    this.post({ renumber: rows });
    return done;
  }

  /** Says every paper has been sent: the worker answers with its rows. */
  end(): void {
    this.post(END);
  }

  /** Stops the worker (its result, if still pending, then rejects). */
  stop(): void {
    void this.worker.terminate();
  }

  private settleRenumbering(done: boolean): void {
    this.renumbered?.(done);
    this.renumbered = undefined;
  }

  private counted(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private post(message: CountMessage): void {
    this.worker.postMessage(message);
  }
}
