import { describe, expect, it } from "vitest";
import { MalformedPayloadError } from "../../src/sources/errors.js";
import { parseHfDailyPapers } from "../../src/sources/hf-daily-papers.js";
import { fixture } from "./helpers/fake-source-server.js";

type HfItem = { paper: Record<string, unknown> } & Record<string, unknown>;
const sample = (): HfItem[] => JSON.parse(fixture("hf-daily-papers.sample.json")) as HfItem[];

describe("parseHfDailyPapers", () => {
  it("reads every submission of the real sample with upvotes and author names", () => {
    const papers = parseHfDailyPapers(sample());

    expect(papers.map((paper) => paper.id)).toEqual(["2410.17243", "2410.16251", "2410.18533"]);
    const [first] = papers;
    expect(first).toMatchObject({
      title: "Breaking the Memory Barrier: Near Infinite Batch Size Scaling for Contrastive Loss",
      upvotes: 64,
      url: "https://arxiv.org/abs/2410.17243",
      publishedAt: "2024-10-22T17:59:30.000Z",
      sources: ["hf"],
    });
    expect(first?.authors.slice(0, 3)).toEqual(["Zesen Cheng", "Hang Zhang", "Kehan Li"]);
    expect(first?.authors).toHaveLength(9);
  });

  it("unwraps the hard-wrapped abstract and keeps its words verbatim", () => {
    const [first] = parseHfDailyPapers(sample());
    expect(first?.abstract).not.toMatch(/\n|\s{2}/);
    expect(first?.abstract).toMatch(
      /^Contrastive loss is a powerful approach for representation learning, where larger batch/,
    );
    expect(first?.abstract).toMatch(/The code will be made publicly available\.$/);
  });

  it("tolerates the fields newer responses carry", () => {
    const items = sample();
    Object.assign(items[0]!.paper, {
      ai_summary: "A tile-based method.",
      ai_keywords: ["contrastive loss"],
      githubRepo: "https://github.com/DAMO-NLP-SG/Inf-CLIP",
      githubStars: 250,
      organization: { name: "DAMO" },
      withdrawnAt: null,
    });
    Object.assign(items[0]!, {
      summary: "short",
      organization: { name: "DAMO" },
      isAuthorParticipating: true,
    });

    expect(parseHfDailyPapers(items)).toEqual(parseHfDailyPapers(sample()));
  });

  it("skips withdrawn papers", () => {
    const items = sample();
    items[1]!.paper.withdrawnAt = "2024-10-26T10:00:00.000Z";

    expect(parseHfDailyPapers(items).map((paper) => paper.id)).toEqual(["2410.17243", "2410.18533"]);
  });

  it("skips an entry without an arXiv id and keeps the rest", () => {
    const items = sample();
    items[0]!.paper.id = "not-an-id";
    delete items[2]!.paper.title;

    expect(parseHfDailyPapers(items).map((paper) => paper.id)).toEqual(["2410.16251"]);
  });

  it("accepts an empty day", () => {
    expect(parseHfDailyPapers([])).toEqual([]);
  });

  it.each([
    [{ error: "Invalid date" }, /Hugging Face answered an error instead of daily papers: Invalid date/],
    [null, /not a JSON array of papers \(got null\)/],
    ["<html>", /not a JSON array of papers \(got string\)/],
    [[{ id: 1 }, 42], /None of the 2 Hugging Face daily papers has the expected shape/],
  ])("refuses %j with a message naming the expected form", (json, message) => {
    expect(() => parseHfDailyPapers(json)).toThrow(MalformedPayloadError);
    expect(() => parseHfDailyPapers(json)).toThrow(message);
  });
});
