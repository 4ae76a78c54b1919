import { CountingWorker } from "./count-in-worker.js";
import type { CountedShare } from "./count-job.js";
import { type IndexedPaper, type PaperText, RowCounter, textLength } from "./count-rows.js";
import type { DocumentRows } from "./posting-lists.js";
import { renumberTerms } from "./term-order.js";
import type { Vocabulary } from "./vocabulary.js";
import { WorkerFailed } from "./worker-script.js";

/** Papers per page of `pagesOf`, as the store reads them. */
export const PAGE_SIZE = 1_000;
/** Room over the first page's text per paper when the rows are sized for the whole corpus. */
const SIZE_MARGIN = 1.05;
const NO_FREQUENCIES = new Int32Array(0);
/**
 * Of every PAGE_CYCLE pages read, the worker counts those at these places: this thread also reads
 * the pages and hands them over, which costs about a third of counting its own.
 */
const PAGE_CYCLE = 5;
const WORKER_PAGES: readonly number[] = [1, 2, 4];
/** The part of the text each thread's rows are sized for, with some to spare. */
const NEAR_SHARE = 0.45;
const FAR_SHARE = 0.65;

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

interface PagePlace {
  firstDoc: number;
  size: number;
  onWorker: boolean;
}

/** Counted rows, one block per page in document order, and the vocabulary their term ids are in. */
export interface CountedPages {
  blocks: DocumentRows[];
  vocabulary: Vocabulary;
}

/**
 * Counts pages of papers into rows, one block per page, documents numbered in the order read
 * (`register` is handed each page first, to number its papers the same way), new terms added to
 * `vocabulary`. With `parallel` some pages are counted on a worker thread (each thread's rows sized
 * for its share of the expected papers at the first page's length, its pages' blocks views of
 * them), and a vocabulary numbered as `vocabulary` would have been is answered instead. Either way
 * the result is what `countRows` over all papers gives (same term ids, same rows), in blocks.
 * Throws WorkerFailed when the worker fails.
 */
export async function countPages(
  pages: PaperPages,
  titleWeight: number,
  vocabulary: Vocabulary,
  parallel: boolean,
  register: (page: readonly IndexedPaper[]) => void,
): Promise<CountedPages> {
  const places: PagePlace[] = [];
  let counters: Counters | undefined;
  let docs = 0;
  try {
    for await (const page of pages.read()) {
      if (page.length === 0) continue;
      register(page);
      counters ??= startCounting(page, pages.expected, titleWeight, vocabulary, parallel);
      const worker = counters.worker;
      const onWorker = worker !== undefined && WORKER_PAGES.includes(places.length % PAGE_CYCLE);
      places.push({ firstDoc: docs, size: page.length, onWorker });
      docs += page.length;
      if (onWorker) await worker.send(page, 0, page.length);
      else for (const paper of page) counters.near.count(paper);
    }
  } catch (error) {
    // A worker left waiting for batches would keep the process alive.
    counters?.worker?.stop();
    throw error;
  }
  if (!counters) return { blocks: [new RowCounter(titleWeight, vocabulary, 0, 0).finish(0)], vocabulary };
  const { near, worker } = counters;
  if (!worker) return { blocks: [near.finish(0)], vocabulary };
  worker.end();
  const share = await worker.result.catch(() => undefined);
  // Its memory is free before the rows are inverted, the peak of a build.
  await worker.exited;
  if (!share) throw new WorkerFailed("The counting worker failed; counting on this thread.");
  const { rows, ids, labels } = adopt(share, vocabulary);
  const nearBlocks = byPage(
    near.finish(0),
    places.filter((place) => !place.onWorker),
  );
  const farBlocks = new Set(
    byPage(
      rows,
      places.filter((place) => place.onWorker),
    ),
  );
  const blocks = [...nearBlocks, ...farBlocks].sort((a, b) => a.firstDoc - b.firstDoc);
  const renumbered = renumberTerms(vocabulary, blocks, (block) => farBlocks.has(block), ids, labels);
  return { blocks, vocabulary: renumbered };
}

interface Counters {
  near: RowCounter;
  worker?: CountingWorker;
}

/**
 * This thread's counter and, with `parallel`, the worker's, sized for their shares of the expected
 * papers. Room never written to costs address space, not memory.
 */
function startCounting(
  first: readonly PaperText[],
  expected: number,
  titleWeight: number,
  vocabulary: Vocabulary,
  parallel: boolean,
): Counters {
  const papers = Math.max(expected, first.length);
  const chars = Math.ceil((textLength(first, 0, first.length) / first.length) * papers * SIZE_MARGIN);
  if (!parallel) return { near: new RowCounter(titleWeight, vocabulary, papers, chars) };
  const sized = (part: number) => ({ papers: Math.ceil(papers * part), chars: Math.ceil(chars * part) });
  const near = sized(NEAR_SHARE);
  const counter = new RowCounter(titleWeight, vocabulary, near.papers, near.chars);
  try {
    return { near: counter, worker: new CountingWorker({ titleWeight, ...sized(FAR_SHARE) }) };
  } catch {
    return { near: counter };
  }
}

/**
 * One side's rows cut into its pages' blocks: views over the same arrays, numbered as placed. The
 * side's term frequencies go with its first block (the frequencies of a document's blocks are summed).
 */
function byPage(rows: DocumentRows, places: readonly PagePlace[]): DocumentRows[] {
  let row = 0;
  return places.map(({ firstDoc, size }, k) => {
    const block: DocumentRows = {
      firstDoc,
      count: size,
      start: rows.start.subarray(row, row + size + 1),
      entries: rows.entries,
      frequencies: k === 0 ? rows.frequencies : NO_FREQUENCIES,
    };
    row += size;
    return block;
  });
}

/**
 * The worker's rows, their frequencies in `vocabulary`'s term ids (its terms merged in), the map
 * from its term ids to those (its rows' terms are left in its own), and its words' labels by
 * `vocabulary`'s ids (the vocabulary keeps its own for words both threads met).
 */
function adopt(
  share: CountedShare,
  vocabulary: Vocabulary,
): { rows: DocumentRows; ids: Int32Array; labels: Map<number, string> } {
  const part = share.vocabulary;
  const ids = vocabulary.absorb(part);
  const labels = new Map<number, string>();
  for (let term = 0; term < part.count; term++) {
    if ((part.secondPart[term] as number) < 0)
      labels.set(ids[term] as number, part.labels[part.firstPart[term] as number] as string);
  }
  const rows = share.rows;
  const frequencies = new Int32Array(vocabulary.size);
  for (let term = 0; term < ids.length; term++)
    frequencies[ids[term] as number] = rows.frequencies[term] ?? 0;
  rows.frequencies = frequencies;
  return { rows, ids, labels };
}
