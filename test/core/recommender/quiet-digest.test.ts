import { describe, expect, it } from "vitest";
import { createDigestComposer } from "../../../src/core/recommender/digest.js";
import type { Paper } from "../../../src/core/paper.js";
import { TfIdfIndex } from "../../../src/core/search/tfidf-index.js";
import { SUBSCRIPTION } from "./fixtures.js";

const subscription = SUBSCRIPTION;

function paper(id: string, title: string, publishedAt: string): Paper {
  return { id, title, abstract: `${title}.`, authors: [], publishedAt, sources: ["arxiv"] };
}

/** The digest note (or the picks) for a subscriber to "graph neural networks" whose last digest went out at `lastSentAt`. */
function digest(papers: Paper[], now: string, lastSentAt: string) {
  const compose = createDigestComposer({ index: TfIdfIndex.build(papers), papers: () => papers });
  const profile = { interests: ["graph neural networks"], liked: [], disliked: [], updatedAt: "" };
  const plan = compose(
    { key: "telegram:user:42", subscription, profile, history: { sent: [], lastSentAt } },
    { now: new Date(now), late: false },
  );
  return {
    ids: plan.papers.map((p) => p.id),
    note: plan.reply?.kind === "info" ? plan.reply.lines.join(" ") : "",
  };
}

/** Known words for the interest, published long before any window. */
const OLD_GNN = paper("2401.00001", "Graph neural networks", "2024-01-01T00:00:00Z");
const SATURDAY = "2024-12-07T07:00:00Z"; // 08:00 in Paris
const FRIDAY_DIGEST = "2024-12-06T07:00:00Z";
const TUESDAY = "2024-12-03T07:00:00Z";
const MONDAY_DIGEST = "2024-12-02T07:00:00Z";

describe("a quiet digest says why", () => {
  it("on a Saturday: arXiv announced nothing", () => {
    const { ids, note } = digest(
      [paper("2412.00001", "Old graph neural networks", "2024-11-20T00:00:00Z")],
      SATURDAY,
      FRIDAY_DIGEST,
    );
    expect(ids).toEqual([]);
    expect(note).toMatch(
      /^arXiv announced no new papers for Saturday \(it announces Sunday to Thursday evenings, US Eastern\)\./,
    );
  });

  it("on a Saturday with other sources' papers: arXiv announced nothing, and how many others were looked at", () => {
    const papers = [
      OLD_GNN,
      paper("hf-1", "Protein folding", "2024-12-06T10:00:00Z"),
      paper("hf-2", "Speech synthesis", "2024-12-06T11:00:00Z"),
    ];
    expect(digest(papers, SATURDAY, FRIDAY_DIGEST).note).toMatch(
      /no new papers for Saturday .*none of the 2 new papers from other sources matched/,
    );
  });

  it("after an announcement with nothing ingested: nothing new from any source", () => {
    const { note } = digest(
      [paper("2411.00001", "Graph neural networks", "2024-11-01T00:00:00Z")],
      TUESDAY,
      MONDAY_DIGEST,
    );
    expect(note).toMatch(/^Nothing new arrived from any source since your last digest\./);
  });

  it("after an announcement with new papers that do not match: the threshold, with the count", () => {
    const papers = [
      OLD_GNN,
      paper("2412.00001", "Protein folding", "2024-12-02T10:00:00Z"),
      paper("2412.00002", "Speech synthesis", "2024-12-02T11:00:00Z"),
      paper("2412.00003", "Galaxy surveys", "2024-12-02T12:00:00Z"),
    ];
    expect(digest(papers, TUESDAY, MONDAY_DIGEST).note).toBe(
      "Nothing above your threshold today: none of the 3 new papers matched your interests closely enough.",
    );
  });

  it("a Monday digest after the weekend covers what Sunday's announcement brought", () => {
    const papers = [paper("2412.00009", "Graph neural networks for molecules", "2024-12-05T18:00:00Z")];
    expect(digest(papers, "2024-12-09T07:00:00Z", FRIDAY_DIGEST).ids).toEqual(["2412.00009"]);
  });
});
