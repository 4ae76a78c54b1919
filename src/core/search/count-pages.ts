import { CountingWorker } from "./count-in-worker.js";
import type { IndexedPaper, PaperText } from "../paper.js";
import { RowCounter, textLength } from "./count-rows.js";
import type { DocumentRows } from "./posting-lists.js";
import { type CountedSide, mergeSides, renumberRows, withFrequencies } from "./term-order.js";
import type { Vocabulary } from "./vocabulary.js";
import { WorkerFailed } from "./worker-script.js";

/** Papers per page of `pagesOf`, as the store reads them. */
export const PAGE_SIZE = 1_000;
const WORKER_FAILED = "The counting worker failed; counting on this thread.";
/** Room over the first page's text per paper when the rows are sized for the whole corpus. */
const SIZE_MARGIN = 1.05;

/** Papers to index, a page at a time. */
export interface PaperPages {
  /** How many papers to expect: what the rows are sized for (more or fewer may come). */
  expected: number;
  /** The papers in the order they are to be numbered; may be called again to read them again. */
  read(): AsyncIterable<readonly IndexedPaper[]>;
}

/** Papers already in memory as pages. */
export function pagesOf(papers: readonly IndexedPaper[], size = PAGE_SIZE): PaperPages {
  return {
    expected: papers.length,
    async *read() {
      for (let from = 0; from < papers.length; from += size) yield papers.slice(from, from + size);
    },
  };
}

/**
 * Counts pages of papers into rows, one block per page in document order, documents numbered in
 * the order read (`register` is handed each page first, to number its papers the same way), new
 * terms added to `vocabulary`. With `parallel` a worker thread counts the pages this thread hands
 * it while it has room for them, this thread the others; the terms are then numbered anew as this
 * thread alone would have numbered them. Either way the blocks hold what `countRows` over all
 * papers gives (same term ids, same rows), and the first block of each thread's pages carries that
 * thread's frequencies. `whenRead` is called once every page has been read, before the two threads'
 * rows are merged. Throws WorkerFailed when the worker fails.
 */
export async function countPages(
  pages: PaperPages,
  titleWeight: number,
  vocabulary: Vocabulary,
  parallel: boolean,
  register: (page: readonly IndexedPaper[]) => void,
  whenRead: () => void = () => undefined,
): Promise<DocumentRows[]> {
  const near: DocumentRows[] = [];
  /** The first document of each page the worker counts, in the order sent. */
  const farFirstDocs: number[] = [];
  let counters: Counters | undefined;
  let docs = 0;
  try {
    for await (const page of pages.read()) {
      if (page.length === 0) continue;
      register(page);
      counters ??= startCounting(page, pages.expected, titleWeight, vocabulary, parallel);
      const worker = counters.worker;
      // The worker's answers so far are let in first: it is sent the page if it has room for it,
      // but not the last page expected, which it would still be counting once this thread is done.
      if (worker) await nextTurn();
      const last = docs < pages.expected && pages.expected <= docs + page.length;
      if (worker?.accepts && !last) {
        farFirstDocs.push(docs);
        await worker.send(page, 0, page.length);
      } else {
        for (const paper of page) counters.near.count(paper);
        near.push(counters.near.cut(docs));
      }
      docs += page.length;
    }
    whenRead();
    if (!counters) return [new RowCounter(titleWeight, vocabulary, 0, 0).finish(0)];
    withFrequencies(near, counters.near.frequencies);
    const worker = counters.worker;
    if (!worker) return near;
    const side = { blocks: near, firstSeen: counters.near.firstSeen };
    return await merged(worker, side, farFirstDocs, vocabulary);
  } catch (error) {
    // A worker left waiting for its next batch or step would keep the process alive.
    counters?.worker?.stop();
    throw error;
  }
}

/**
 * The worker's rows merged with this thread's (`near`), all blocks in document order, their terms
 * and `vocabulary` numbered as counting all pages in order numbers them (see mergeSides): the
 * worker rewrites its rows (in shared memory) while this thread rewrites its own and renumbers the
 * vocabulary. The worker's blocks are the pages at `farFirstDocs`.
 */
async function merged(
  worker: CountingWorker,
  near: CountedSide,
  farFirstDocs: readonly number[],
  vocabulary: Vocabulary,
): Promise<DocumentRows[]> {
  worker.end();
  const share = await worker.result.catch(() => undefined);
  if (!share) throw new WorkerFailed(WORKER_FAILED);
  share.blocks.forEach((rows, k) => (rows.firstDoc = farFirstDocs[k] as number));
  let rewritten: Promise<boolean> = Promise.resolve(false);
  const blocks = mergeSides(vocabulary, near, share, (far, own) => {
    rewritten = worker.renumber(far);
    renumberRows(own);
  });
  if (!(await rewritten)) throw new WorkerFailed(WORKER_FAILED);
  // Its heap is freed before the rows are inverted, the peak of a build.
  await worker.exited;
  return blocks;
}

/** Resolves once the events waiting (messages from a worker) have been handled. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

interface Counters {
  near: RowCounter;
  worker?: CountingWorker;
}

/**
 * This thread's counter and, with `parallel`, the worker's, at the first page's length: this
 * thread's with room for a page of rows (each page is then copied to a buffer of its own, which
 * inverting it frees), the worker's for the rows of all the expected papers, in shared memory (the
 * pages are shared out as the threads keep up; room never written to costs address space, not memory).
 */
function startCounting(
  first: readonly PaperText[],
  expected: number,
  titleWeight: number,
  vocabulary: Vocabulary,
  parallel: boolean,
): Counters {
  const papers = Math.max(expected, first.length);
  const pageChars = textLength(first, 0, first.length) * SIZE_MARGIN;
  const chars = Math.ceil((pageChars / first.length) * papers);
  const near = new RowCounter(titleWeight, vocabulary, papers, Math.ceil(pageChars));
  if (!parallel) return { near };
  try {
    return { near, worker: new CountingWorker({ titleWeight, papers, chars }) };
  } catch {
    return { near };
  }
}
