import { shelfHolding } from "../../helpers/paper-shelf.js";
import { beforeEach, describe, expect, it } from "vitest";
import type { Reply } from "../../../src/core/commands/reply.js";
import { createCommandService } from "../../../src/core/commands/service.js";
import type { Paper } from "../../../src/core/paper.js";
import { TfIdfIndex } from "../../../src/core/search/tfidf-index.js";
import { openMemoryStore } from "../../../src/storage/files/memory-store.js";
import { libraryFixture } from "../library/fixture.js";
import { channelContext, harness, type Harness, NOW, userContext } from "./harness.js";

const userKey = "telegram:user:7";
const text = (reply: Reply): string => [reply.title ?? "", ...reply.lines, reply.footer ?? ""].join("\n");
const ids = (reply: Reply): string[] => reply.cards.map((card) => card.id);

function paper(id: string, title: string, abstract: string, publishedAt = "2024-12-02T00:00:00Z"): Paper {
  return { id, title, abstract, authors: ["A. Author"], publishedAt, sources: ["arxiv"] };
}

const PAPERS: Paper[] = [
  paper(
    "2301.00001",
    "Protein structure prediction with deep learning",
    "We predict protein folding and structure.",
    "2023-01-02T00:00:00Z",
  ),
  paper(
    "2301.00002",
    "Protein design with diffusion",
    "Generative diffusion designs new protein structures.",
    "2023-01-03T00:00:00Z",
  ),
  paper(
    "2412.00011",
    "Protein folding at scale",
    "Deep learning predicts protein structure and folding for millions of sequences.",
  ),
  paper("2412.00012", "Fast image segmentation", "A segmentation network for images."),
  paper("2412.00013", "Speech recognition for low-resource languages", "Acoustic models for speech."),
];

const withFile = (name: string, fileText: string | undefined, bytes = fileText?.length ?? 0) => ({
  ...userContext(),
  attachment: fileText === undefined ? { name, bytes } : { name, bytes, text: fileText },
});

let h: Harness;
beforeEach(async () => {
  h = await harness(PAPERS);
});

describe("import", () => {
  it("imports arXiv ids from the corpus, says so, and lists the library in settings", async () => {
    const reply = await h.run("import 2301.00001 https://arxiv.org/abs/2301.00002v3");
    expect(reply.kind).toBe("info");
    expect(text(reply)).toMatch(/Imported 2 papers\./);
    const library = await h.store.libraries.get(userKey);
    expect(library?.papers.map((p) => p.title)).toEqual([
      "Protein structure prediction with deep learning",
      "Protein design with diffusion",
    ]);
    expect(library?.papers[0]?.abstract).toBe("We predict protein folding and structure.");
    expect(text(await h.run("settings"))).toMatch(/Library: 2 papers imported 2024-12-03/);
  });

  it("picks papers resembling the library, says which, and never picks an imported paper", async () => {
    await h.run("import 2301.00001 2412.00012");
    const picks = await h.run("picks");
    expect(ids(picks)[0]).toBe("2412.00011");
    expect(picks.cards[0]?.why).toBe(
      "resembles “Protein structure prediction with deep learning” from your library",
    );
    expect(ids(picks)).not.toContain("2412.00012");
  });

  it("reads an attached BibTeX file and reports the entries it skipped", async () => {
    const reply = await h.run("import", withFile("refs.bib", libraryFixture("partly-broken.bib")));
    expect(text(reply)).toMatch(/Imported \d+ papers?, skipped \d+\./);
    expect(text(reply)).toMatch(/First skipped: entry \d+: /);
    expect((await h.store.libraries.get(userKey))?.papers.length).toBeGreaterThan(0);
  });

  it("replaces the library on a new import, and clear removes it", async () => {
    await h.run("import 2301.00001 2301.00002");
    await h.run("import 2412.00013");
    expect((await h.store.libraries.get(userKey))?.papers.map((p) => p.arxivId)).toEqual(["2412.00013"]);
    expect(text(await h.run("import clear"))).toMatch(/Removed the imported library/);
    expect(await h.store.libraries.get(userKey)).toBeUndefined();
    expect(text(await h.run("import clear"))).toMatch(/no imported library/);
  });

  it("asks for a file when given nothing, and refuses an oversized one by its size", async () => {
    expect(text(await h.run("import"))).toMatch(/Send your library as a file/);
    const big = await h.run("import", withFile("huge.bib", undefined, 3.1 * 1024 * 1024));
    expect(big.kind).toBe("error");
    expect(text(big)).toMatch(/3\.1 MB; the limit is 2 MB/);
  });

  it("refuses a file and ids together rather than dropping the ids", async () => {
    const reply = await h.run("import 2301.00001", withFile("refs.bib", libraryFixture("partly-broken.bib")));
    expect(reply.kind).toBe("error");
    expect(text(reply)).toMatch(/either a file or arXiv ids, not both/);
    expect(await h.store.libraries.get(userKey)).toBeUndefined();
  });

  it("names the format and line it could not read", async () => {
    const reply = await h.run("import", withFile("refs.bib", "@article{broken,\n  title = {Unclosed\n"));
    expect(reply.kind).toBe("error");
    expect(text(reply)).toMatch(/BibTeX/);
    expect(await h.store.libraries.get(userKey)).toBeUndefined();
  });

  it("says which ids neither the corpus nor arXiv knows", async () => {
    const reply = await h.run("import 2411.99999");
    expect(reply.kind).toBe("error");
    expect(text(reply)).toMatch(/neither the corpus nor arXiv knows “2411\.99999”/);
  });

  it("lets only managers import into a channel", async () => {
    const refused = await h.run("import 2301.00001", channelContext(false));
    expect(text(refused)).toMatch(/only people who manage this channel/);
    expect(await h.store.libraries.get("discord:channel:900")).toBeUndefined();
    await h.run("import 2301.00001", channelContext(true));
    expect((await h.store.libraries.get("discord:channel:900"))?.papers).toHaveLength(1);
  });
});

describe("import asks arXiv for what the corpus lacks", () => {
  const arxivPaper = paper(
    "2411.00042",
    "Equivariant protein language models",
    "Language models of protein sequences.",
  );

  async function importWith(lookup: (ids: readonly string[]) => Promise<Paper[]>) {
    const store = openMemoryStore();
    const asked: string[][] = [];
    const warnings: unknown[] = [];
    const service = createCommandService({
      index: TfIdfIndex.build(PAPERS),
      papers: shelfHolding(PAPERS, store.papers),
      store,
      log: { debug: () => {}, info: () => {}, warn: (obj) => warnings.push(obj), error: () => {} },
      now: () => NOW,
      defaults: { time: "08:00", timezone: "UTC" },
      lookup: (ids) => {
        asked.push([...ids]);
        return lookup(ids);
      },
    });
    const reply = await service.run(userContext(), "import 2411.00042 2301.00001");
    return { reply, asked, warnings, library: await store.libraries.get(userKey) };
  }

  it("asks only for the ids the corpus lacks, and keeps what arXiv says", async () => {
    const { reply, asked, library } = await importWith(async () => [arxivPaper]);
    expect(asked).toEqual([["2411.00042"]]);
    expect(text(reply)).toMatch(/Imported 2 papers\./);
    expect(library?.papers.find((p) => p.arxivId === "2411.00042")?.abstract).toBe(
      "Language models of protein sequences.",
    );
  });

  it("imports what it can when arXiv cannot be reached, and says so", async () => {
    const { reply, warnings, library } = await importWith(async () => Promise.reject(new Error("timeout")));
    expect(text(reply)).toMatch(/Imported 1 paper, skipped 1\./);
    expect(text(reply)).toMatch(/arXiv could not be reached/);
    expect(library?.papers.map((p) => p.arxivId)).toEqual(["2301.00001"]);
    expect(warnings).toHaveLength(1);
  });
});
