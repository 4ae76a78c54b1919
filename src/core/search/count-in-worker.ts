import type { Worker } from "node:worker_threads";
import { type CountedShare, type CountJob, END, type CountMessage } from "./count-job.js";
import type { PaperText } from "./count-rows.js";
import { startWorker } from "./worker-script.js";

/**
 * A worker thread counting papers into rows (see count-worker), fed in batches so that only a few
 * batches of text are ever copied and in flight at once. Runs from the compiled build and from
 * TypeScript sources alike. `result` rejects when the worker cannot start or fails.
 */
export class CountingWorker {
  readonly result: Promise<CountedShare>;
  /** Settles once the worker has exited and its memory is free. */
  readonly exited: Promise<void>;
  private readonly worker: Worker;

  constructor(job: CountJob) {
    this.worker = startWorker("count-worker");
    const worker = this.worker;
    this.exited = new Promise((resolve) => worker.once("exit", () => resolve()));
    this.result = new Promise((resolve, reject) => {
      // Settled on its answer: the worker exits on its own right after (a promise settles once).
      worker.once("message", resolve);
      worker.once("error", reject);
      worker.once("exit", (code) =>
        reject(new Error(`The counting worker stopped early (exit code ${code}).`)),
      );
    });
    // Handled where awaited; until then a failure must not count as an unhandled rejection.
    this.result.catch(() => undefined);
    this.post(job);
  }

  /** Sends papers `from … to-1` to be counted, in the order they are meant to be numbered. */
  send(papers: readonly PaperText[], from: number, to: number): void {
    if (to <= from) return;
    const batch: PaperText[] = [];
    for (let i = from; i < to; i++) {
      const paper = papers[i] as PaperText;
      batch.push({ title: paper.title, abstract: paper.abstract });
    }
    this.post(batch);
  }

  /** Says every paper has been sent: the worker answers with its rows. */
  end(): void {
    this.post(END);
  }

  /** Stops the worker (its result, if still pending, then rejects). */
  stop(): void {
    void this.worker.terminate();
  }

  private post(message: CountMessage): void {
    this.worker.postMessage(message);
  }
}
