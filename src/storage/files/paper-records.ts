import { type IndexedPaper, type Paper, type PaperByline, withPublishedAt } from "../../core/paper.js";
import { FamilyFilter } from "../../core/recommender/author-names.js";
import { checkPageSize, checkTime } from "../../core/store/arguments.js";
import type { PaperRecords } from "../../core/store/port.js";
import { publishedInstant } from "../../core/store/published-instant.js";
import { copyJson } from "./json-copy.js";
import { withPapers } from "./record-data.js";
import type { PaperList } from "./record-data.js";
import type { RecordEngine } from "./record-engine.js";
import { sourceSummaryOf } from "./source-summary.js";

export function paperRecords(engine: RecordEngine): PaperRecords {
  return {
    all: () => engine.read((data) => data.papers.list.map((paper) => copyJson(paper))),

    put: (papers) =>
      engine.write("papers", (tx) => {
        if (papers.length === 0) return;
        tx.papers = withPapers(tx.currentPapers, papers.map(copyJson));
      }),

    count: () => engine.read((data) => data.papers.list.length),

    version: () => engine.read((data) => data.papers.version),

    changedSince: (since) =>
      engine.read(({ papers }) => {
        const changed: Array<{ stamp: number; paper: Paper }> = [];
        papers.stamps.forEach((stamp, at) => {
          const paper = papers.list[at];
          if (stamp > since && paper) changed.push({ stamp, paper });
        });
        changed.sort((a, b) => a.stamp - b.stamp);
        return { papers: changed.map(({ paper }) => copyJson(paper)), version: papers.version };
      }),

    get: (ids) => engine.read(({ papers }) => papersWithIds(papers, ids)),

    since: async (since) => {
      checkTime("since", since);
      const from = since.getTime();
      return engine.read(({ papers }) =>
        papers.list.flatMap((paper) => {
          const at = publishedInstant(paper.publishedAt);
          return at === undefined || at >= from ? [copyJson(paper)] : [];
        }),
      );
    },

    pages: (size) => pagesOf(engine, size, copyJson),

    indexedPages: (size) => pagesOf(engine, size, indexedPart),

    bylinesByFamily: (families) =>
      engine.read(({ papers }) => {
        const filter = new FamilyFilter(families);
        return papers.list.filter((paper) => filter.matches(paper.authors)).map(bylineOf);
      }),

    sourceSummary: () => engine.read(({ papers }) => sourceSummaryOf(papers.list)),
  };
}

function papersWithIds(papers: PaperList, ids: readonly string[]): Paper[] {
  const found: Paper[] = [];
  for (const id of new Set(ids)) {
    const at = papers.positions.get(id);
    const paper = at === undefined ? undefined : papers.list[at];
    if (paper) found.push(copyJson(paper));
  }
  return found;
}

/**
 * The list by position, each paper copied (`copy`) as its page is read: a page is read from the
 * list as it stands then, so papers stored in between may be answered, and an empty page ends the paging.
 */
async function* pagesOf<T>(
  engine: RecordEngine,
  size: number,
  copy: (paper: Paper) => T,
): AsyncGenerator<T[]> {
  checkPageSize(size);
  for (let start = 0; ; start += size) {
    const page = await engine.read(({ papers }) => papers.list.slice(start, start + size).map(copy));
    if (page.length > 0) yield page;
    if (page.length < size) return;
  }
}

/** What the index reads of a paper: its strings, which are never changed in place, need no copy. */
function indexedPart({ id, title, abstract, publishedAt }: Paper): IndexedPaper {
  return withPublishedAt({ id, title, abstract }, publishedAt);
}

/** Who wrote a paper: its authors copied (an array the caller may change), its strings as they are. */
function bylineOf({ id, title, authors, publishedAt }: Paper): PaperByline {
  return withPublishedAt({ id, title, authors: [...authors] }, publishedAt);
}
