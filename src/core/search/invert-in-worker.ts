import type { Worker } from "node:worker_threads";
import type { PostingBlock } from "./fill-postings.js";
import type { RowInversion } from "./invert-rows.js";
import { startWorker } from "./worker-script.js";

/**
 * A worker thread inverting a share of counted rows (see invert-worker) while this thread inverts
 * the rest: one job, then it exits.
 */
export class InvertingWorker {
  private readonly worker: Worker | undefined;
  private answered: ((block: PostingBlock | undefined) => void) | undefined;

  constructor() {
    try {
      this.worker = startWorker("invert-worker");
    } catch {
      return;
    }
    this.worker.once("message", (block: PostingBlock) => this.settle(block));
    this.worker.once("error", () => this.settle(undefined));
    this.worker.once("exit", () => this.settle(undefined));
  }

  /** Whether the worker could be started: if not, nothing should be sent to it. */
  get started(): boolean {
    return this.worker !== undefined;
  }

  /**
   * Inverts rows on the worker (see invertRows): resolves to their posting block, or to undefined
   * if the worker failed. The rows stay readable here (their entries are in shared memory, their
   * starts copied), so that this thread can invert them instead.
   */
  invert(inversion: RowInversion): Promise<PostingBlock | undefined> {
    const worker = this.worker;
    if (!worker) return Promise.resolve(undefined);
    const answer = new Promise<PostingBlock | undefined>((resolve) => (this.answered = resolve));
    worker.postMessage(inversion);
    return answer;
  }

  stop(): void {
    void this.worker?.terminate();
  }

  private settle(block: PostingBlock | undefined): void {
    this.answered?.(block);
    this.answered = undefined;
  }
}
