/**
 * Worker thread entry: inverts the rows it is sent (see invert-in-worker), writing their norms and
 * sketches to shared memory, sends their posting block back and exits.
 */
import { parentPort } from "node:worker_threads";
import { invertRows, type RowInversion } from "./invert-rows.js";

parentPort?.once("message", (inversion: RowInversion) => {
  const block = invertRows(inversion);
  const arrays = [block.starts, block.docs, block.counts];
  // Moved, not copied.
  parentPort?.postMessage(
    block,
    arrays.map((array) => array.buffer).filter((buffer) => buffer instanceof ArrayBuffer),
  );
  parentPort?.close();
});
