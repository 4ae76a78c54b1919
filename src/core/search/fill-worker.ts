/**
 * Worker thread entry: writes the postings of the later blocks of rows into a plan in shared memory,
 * in the two steps the filling thread asks for (see fill-in-worker), answering after each.
 */
import { parentPort } from "node:worker_threads";
import type { FillMessage, FillStep } from "./fill-in-worker.js";
import { cursorsFrom, fillDocs, fillWeights, type PostingFill } from "./fill-postings.js";

let share: { fill: PostingFill; first: number; cursor: Int32Array } | undefined;

parentPort?.on("message", (message: FillMessage) => {
  if (message.step === "weights") {
    const { fill, first } = message;
    share = { fill, first, cursor: cursorsFrom(fill, first) };
    fillWeights(fill, first, fill.blocks.length, share.cursor.slice());
    answer("weights");
  } else if (share) {
    fillDocs(share.fill, share.first, share.fill.blocks.length, share.cursor);
    answer("docs");
    parentPort?.close();
  }
});

function answer(step: FillStep): void {
  parentPort?.postMessage(step);
}
