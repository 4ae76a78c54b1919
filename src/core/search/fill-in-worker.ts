import type { Worker } from "node:worker_threads";
import type { PostingFill } from "./fill-postings.js";
import { startWorker } from "./worker-script.js";

/** Messages to the filling worker: first its share of the weights, then (once all are read) of the documents. */
export type FillMessage = { step: "weights"; fill: PostingFill; first: number } | { step: "docs" };
/** Its answers: which step it has finished. */
export type FillStep = "weights" | "docs";

/**
 * A worker thread writing the postings of the blocks from `first` on of a plan in shared memory (see
 * fill-worker), in the two steps `fillWeights` and `fillDocs`. Each step's promise resolves true once
 * the worker has finished it, or false if it cannot start or fails, and the step is left to the caller.
 */
export class FillingWorker {
  readonly weightsWritten: Promise<boolean>;
  readonly docsWritten: Promise<boolean>;
  private readonly worker: Worker | undefined;

  constructor(fill: PostingFill, first: number) {
    let weightsDone: (done: boolean) => void = () => undefined;
    let docsDone: (done: boolean) => void = () => undefined;
    this.weightsWritten = new Promise((resolve) => (weightsDone = resolve));
    this.docsWritten = new Promise((resolve) => (docsDone = resolve));
    const fail = (): void => {
      weightsDone(false);
      docsDone(false);
    };
    try {
      this.worker = startWorker("fill-worker");
    } catch {
      fail();
      return;
    }
    // A promise settles once: a failure after a finished step only fails the steps still pending.
    this.worker.on("message", (step: FillStep) => (step === "weights" ? weightsDone(true) : docsDone(true)));
    this.worker.once("error", fail);
    this.worker.once("exit", fail);
    this.post({ step: "weights", fill, first });
  }

  /** Lets the worker write its documents: call once every weight has been read. */
  writeDocs(): void {
    this.post({ step: "docs" });
  }

  stop(): void {
    void this.worker?.terminate();
  }

  private post(message: FillMessage): void {
    this.worker?.postMessage(message);
  }
}
