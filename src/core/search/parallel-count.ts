import { CountingWorker } from "./count-in-worker.js";
import type { CountedShare } from "./count-job.js";
import { countRows, expectedEntries, type PaperText, RowCounter, textLength } from "./count-rows.js";
import type { DocumentRows } from "./posting-lists.js";
import type { Vocabulary } from "./vocabulary.js";

/** Papers per batch handed to the worker: small enough to keep little text in flight. */
const BATCH = 2_000;
/** Batches the worker is kept ahead by, so that it never waits for this thread. */
const BATCHES_AHEAD = 2;

/**
 * Counts the first half of `papers` here and the second half on a worker thread, then merges the
 * worker's vocabulary into `vocabulary` and its rows into the same term ids. The result is what
 * `countRows` over all papers gives (same ids, same rows), in two blocks. If the worker fails, its
 * half is counted here.
 */
export async function countInParallel(
  papers: readonly PaperText[],
  titleWeight: number,
  vocabulary: Vocabulary,
): Promise<DocumentRows[]> {
  const split = Math.ceil(papers.length / 2);
  const end = papers.length;
  // Both halves' weights in one buffer, this half's first and the worker's right after: the
  // postings' documents are later written over them all once spent (see PostingLists.fromRows).
  const nearRoom = expectedEntries(textLength(papers, 0, split));
  const farRoom = expectedEntries(textLength(papers, split, end));
  const room = new Float32Array(new SharedArrayBuffer((nearRoom + farRoom) * Float32Array.BYTES_PER_ELEMENT));
  const worker = startCounting(papers, split, titleWeight, room.subarray(nearRoom));
  let near: RowCounter;
  let sent = split;
  try {
    near = new RowCounter(titleWeight, vocabulary, split, 0, true, room.subarray(0, nearRoom));
    for (let from = 0; from < split; from += BATCH) {
      const ahead = Math.min(end, split + (from / BATCH + BATCHES_AHEAD) * BATCH);
      if (worker && ahead > sent) worker.send(papers, sent, (sent = ahead));
      const to = Math.min(split, from + BATCH);
      for (let i = from; i < to; i++) near.count(papers[i] as PaperText);
    }
  } catch (error) {
    // A worker left waiting for batches would keep the process alive.
    worker?.stop();
    throw error;
  }

  worker?.send(papers, sent, end);
  const share = await worker?.result.catch(() => undefined);
  const far = share
    ? adopt(share, vocabulary, split)
    : countRows(papers, split, end, titleWeight, vocabulary);
  // Its memory is free before the rows are inverted, the peak of a build.
  await worker?.exited;
  return [near.finish(0), far];
}

function startCounting(
  papers: readonly PaperText[],
  from: number,
  titleWeight: number,
  room: Float32Array,
): CountingWorker | undefined {
  try {
    const chars = textLength(papers, from, papers.length);
    return new CountingWorker({ titleWeight, papers: papers.length - from, chars, room });
  } catch {
    return undefined;
  }
}

/** The worker's rows in `vocabulary`'s term ids (its terms merged in) and numbered from `firstDoc`. */
function adopt(share: CountedShare, vocabulary: Vocabulary, firstDoc: number): DocumentRows {
  const ids = vocabulary.absorb(share.vocabulary);
  const rows = share.rows;
  for (let p = 0; p < rows.terms.length; p++) rows.terms[p] = ids[rows.terms[p] as number] as number;
  const frequencies = new Int32Array(vocabulary.size);
  for (let term = 0; term < ids.length; term++)
    frequencies[ids[term] as number] = rows.frequencies[term] ?? 0;
  rows.frequencies = frequencies;
  // The same object, not a copy: the postings build lets go of its arrays, and nothing else may hold them.
  rows.firstDoc = firstDoc;
  return rows;
}
