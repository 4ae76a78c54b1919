/**
 * Worker thread entry: counts the terms of a share of the papers, sent in batches, into rows with a
 * vocabulary of its own, and sends both back (the typed arrays moved, not copied) for merging.
 */
import { parentPort } from "node:worker_threads";
import { COUNTED, type CountedShare, END, type CountMessage } from "./count-job.js";
import { RowCounter } from "./count-rows.js";
import { Vocabulary } from "./vocabulary.js";
import { movableBuffers } from "./movable-buffers.js";

const vocabulary = new Vocabulary();
let counter: RowCounter | undefined;

parentPort?.on("message", (message: CountMessage) => {
  if (message === END) {
    if (counter) reply(counter);
  } else if (!Array.isArray(message)) {
    counter = new RowCounter(message.titleWeight, vocabulary, message.papers, message.chars);
  } else if (counter) {
    for (const paper of message) counter.count(paper);
    parentPort?.postMessage(COUNTED);
  }
});

function reply(done: RowCounter): void {
  const rows = done.finish(0);
  const share: CountedShare = { rows, vocabulary: vocabulary.toPart() };
  const { firstPart, secondPart } = share.vocabulary;
  const arrays = [rows.start, rows.entries, rows.frequencies, firstPart, secondPart];
  // Moved, not copied.
  parentPort?.postMessage(share, movableBuffers(arrays));
  parentPort?.close();
}
