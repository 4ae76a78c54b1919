import type { Paper } from "../../core/paper.js";
import type { PaperRecords } from "../../core/store/port.js";
import { copyJson } from "./json-copy.js";
import { withPapers } from "./record-data.js";
import type { RecordEngine } from "./record-engine.js";

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
  };
}
