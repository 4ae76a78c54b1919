/**
 * Worker thread entry: inverts the rows it is sent (see invert-in-worker), writing their norms and
 * sketches to shared memory, sends their posting block back and exits.
 */
import { parentPort } from "node:worker_threads";
import { invertRows, type RowInversion } from "./invert-rows.js";
import { movableBuffers } from "./movable-buffers.js";

parentPort?.once("message", (inversion: RowInversion) => {
  const block = invertRows(inversion);
  // Moved, not copied.
  parentPort?.postMessage(block, movableBuffers([block.starts, block.docs, block.counts]));
  parentPort?.close();
});
