import type { Paper } from "../../core/paper.js";
import type { CorpusDocument } from "./legacy/types.js";
import { CORPUS_VERSION } from "./legacy/types.js";
import type { PaperList } from "./record-data.js";
import { emptyRecordData, withPapers } from "./record-data.js";

/**
 * corpus.json as this store writes it: the corpus document every version of paperboy reads, plus
 * where each paper stands in the papers' history (`stamps`, aligned with `papers`, and the latest,
 * `papersVersion`), so a version taken before a restart still means the same after it. Readers
 * that do not know these fields ignore them (the corpus schema keeps unknown fields).
 */
export interface StampedCorpusDocument extends CorpusDocument {
  stamps: number[];
  papersVersion: number;
}

export function corpusDocumentOf(papers: PaperList): StampedCorpusDocument {
  return {
    version: CORPUS_VERSION,
    papers: papers.list,
    stamps: papers.stamps,
    papersVersion: papers.version,
  };
}

/**
 * The paper list of a (migrated) corpus document. A document without usable stamps (written by an
 * earlier paperboy, or with repeated ids) is stamped afresh in its order.
 */
export function paperListOf(doc: CorpusDocument): PaperList {
  const { papers } = doc;
  const { stamps, papersVersion } = doc as Partial<StampedCorpusDocument>;
  const positions = new Map<string, number>();
  papers.forEach((paper, at) => positions.set(paper.id, at));
  const usable =
    Array.isArray(stamps) &&
    stamps.length === papers.length &&
    positions.size === papers.length &&
    typeof papersVersion === "number" &&
    stamps.every((stamp) => Number.isSafeInteger(stamp) && stamp >= 0 && stamp <= papersVersion);
  if (!usable) return withPapers(emptyRecordData().papers, papers);
  return { list: [...papers] as Paper[], positions, stamps: [...stamps], version: papersVersion };
}
