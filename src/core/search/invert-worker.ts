/**
 * Worker thread entry: does its share of inverting counted rows in shared memory, one step at a
 * time as the inverting thread asks (see invert-in-worker), answering with the step's name when done.
 */
import { parentPort } from "node:worker_threads";
import type { InvertMessage, InvertStep } from "./invert-in-worker.js";
import { cursorsFrom, fillDocs, fillWeights, type PostingFill } from "./fill-postings.js";
import { rowNorms } from "./row-weights.js";

let share: { fill: PostingFill; first: number; cursor: Int32Array } | undefined;

parentPort?.on("message", (message: InvertMessage) => {
  if (message.step === "norms") {
    const { blocks, first, termWeights, norms, sketches } = message;
    rowNorms(blocks, first, blocks.length, termWeights, norms, sketches);
  } else if (message.step === "weights") {
    const { fill, first } = message;
    share = { fill, first, cursor: cursorsFrom(fill, first) };
    fillWeights(fill, first, fill.blocks.length, share.cursor.slice());
  } else {
    // Documents without weights first would be a broken order: leaving unanswered hands the step back.
    if (share) {
      fillDocs(share.fill, share.first, share.fill.blocks.length, share.cursor);
      answer(message.step);
    }
    parentPort?.close();
    return;
  }
  answer(message.step);
});

function answer(step: InvertStep): void {
  parentPort?.postMessage(step);
}
