import type { Worker } from "node:worker_threads";
import type { PostingFill } from "./fill-postings.js";
import type { SketchSlots } from "./paper-sketches.js";
import type { DocumentRows } from "./posting-lists.js";
import { startWorker } from "./worker-script.js";

/**
 * Steps of the inverting worker, each over the blocks of rows from `first` on, all in shared memory:
 * their rows' norms and sketches, then their postings.
 */
export type InvertMessage =
  | {
      step: "norms";
      blocks: readonly DocumentRows[];
      first: number;
      termWeights: Float32Array;
      norms: Float64Array;
      sketches: SketchSlots;
    }
  | { step: "postings"; fill: PostingFill; first: number };
export type InvertStep = InvertMessage["step"];

/**
 * A worker thread sharing the inversion of counted rows (see invert-worker). Each step's promise
 * resolves true once the worker has done it, or false if the worker cannot start or has failed, and
 * the step is left to the caller. Every step writes what one thread would, so doing it again is safe.
 */
export class InvertingWorker {
  private readonly worker: Worker | undefined;
  private readonly waiting = new Map<InvertStep, (done: boolean) => void>();
  private failed = false;
  /** Settles once the worker has exited (at once if it never started): what it held of the rows is free then. */
  readonly exited: Promise<void>;

  constructor() {
    try {
      this.worker = startWorker("invert-worker");
    } catch {
      this.failed = true;
      this.exited = Promise.resolve();
      return;
    }
    const worker = this.worker;
    this.exited = new Promise((resolve) => worker.once("exit", () => resolve()));
    this.worker.on("message", (step: InvertStep) => this.settle(step, true));
    this.worker.once("error", () => this.fail());
    this.worker.once("exit", () => this.fail());
  }

  /** Writes the norms and sketches of the rows of `blocks[first…]` into `norms` and `sketches` (shared). */
  norms(
    blocks: readonly DocumentRows[],
    first: number,
    termWeights: Float32Array,
    norms: Float64Array,
    sketches: SketchSlots,
  ): Promise<boolean> {
    return this.run({ step: "norms", blocks, first, termWeights, norms, sketches });
  }

  /** Writes the postings of the rows of `fill.blocks[first…]`: its last step. */
  postings(fill: PostingFill, first: number): Promise<boolean> {
    return this.run({ step: "postings", fill, first });
  }

  stop(): void {
    void this.worker?.terminate();
  }

  private run(message: InvertMessage): Promise<boolean> {
    if (this.failed || !this.worker) return Promise.resolve(false);
    const done = new Promise<boolean>((resolve) => this.waiting.set(message.step, resolve));
    this.worker.postMessage(message);
    return done;
  }

  private settle(step: InvertStep, done: boolean): void {
    this.waiting.get(step)?.(done);
    this.waiting.delete(step);
  }

  private fail(): void {
    this.failed = true;
    for (const step of [...this.waiting.keys()]) this.settle(step, false);
  }
}
