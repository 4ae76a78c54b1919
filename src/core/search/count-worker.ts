/**
 * Worker thread entry: counts the terms of a share of the papers, sent in batches, into rows with a
 * vocabulary of its own, a block of rows per batch, and sends them all back (the typed arrays
 * moved or shared, not copied) for merging; then rewrites rows' terms in the merged ids.
 */
import { parentPort } from "node:worker_threads";
import { COUNTED, type CountedShare, END, type CountMessage, RENUMBERED } from "./count-job.js";
import { renumberRows } from "./term-order.js";
import { RowCounter } from "./count-rows.js";
import { Vocabulary } from "./vocabulary.js";
import type { DocumentRows } from "./posting-lists.js";
import { movableBuffers } from "./movable-buffers.js";

const vocabulary = new Vocabulary();
let counter: RowCounter | undefined;
const blocks: DocumentRows[] = [];

parentPort?.on("message", (message: CountMessage) => {
  if (message === END) {
    if (counter) reply(counter);
  } else if (Array.isArray(message)) {
    if (!counter) return;
    for (const paper of message) counter.count(paper);
    blocks.push(counter.cut(0));
    parentPort?.postMessage(COUNTED);
  } else if ("renumber" in message) {
    renumberRows(message.renumber);
    parentPort?.postMessage(RENUMBERED);
    parentPort?.close();
  } else {
    // In shared memory: the sending thread reads these rows, and may have another worker invert them.
    counter = new RowCounter(message.titleWeight, vocabulary, message.papers, message.chars, true);
  }
});

function reply(done: RowCounter): void {
  const { frequencies, firstSeen } = done;
  const share: CountedShare = { blocks, frequencies, firstSeen, vocabulary: vocabulary.toPart() };
  const { firstPart, secondPart } = share.vocabulary;
  const starts = blocks.map((rows) => rows.start);
  const arrays = [...starts, frequencies, firstSeen.terms, firstSeen.rows, firstPart, secondPart];
  // Moved, not copied; the rows' entries are in shared memory.
  parentPort?.postMessage(share, movableBuffers(arrays));
}
