/**
 * Worker thread entry: does its share of inverting counted rows in shared memory, one step at a
 * time as the inverting thread asks (see invert-in-worker), answering with the step's name when done.
 */
import { parentPort } from "node:worker_threads";
import type { InvertMessage } from "./invert-in-worker.js";
import { cursorsFrom, fillPostings } from "./fill-postings.js";
import { rowNorms } from "./row-weights.js";

parentPort?.on("message", (message: InvertMessage) => {
  if (message.step === "norms") {
    const { blocks, first, termWeights, norms, sketches } = message;
    rowNorms(blocks, first, blocks.length, termWeights, norms, sketches);
  } else {
    const { fill, first } = message;
    fillPostings(fill, first, fill.blocks.length, cursorsFrom(fill, first));
  }
  parentPort?.postMessage(message.step);
  // The postings are the last step: the rows it shares are let go of as it exits.
  if (message.step === "postings") parentPort?.close();
});
