import { describe, expect, it } from "vitest";
import { parseLibrary } from "../../../src/core/library/parse-library.js";
import { expectParsed, libraryFixture } from "./fixture.js";

describe("parseLibrary on a Zotero (Better BibTeX) export", () => {
  const library = expectParsed(parseLibrary(libraryFixture("zotero-better-bibtex.bib")));
  const [bert, labelSmoothing, narrativeQa, deit] = library.entries;

  it("reads every entry as BibTeX", () => {
    expect(library.format).toBe("bibtex");
    expect(library.entries).toHaveLength(4);
    expect(library.skipped).toEqual([]);
  });

  it("drops the braces that protect capitals", () => {
    expect(bert?.title).toBe(
      "BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding",
    );
    expect(narrativeQa?.title).toBe("The NarrativeQA Reading Comprehension Challenge");
  });

  it("turns LaTeX accents and escapes into the letters they stand for", () => {
    expect(labelSmoothing?.authors).toEqual(["Rafael Müller", "Simon Kornblith", "Geoffrey E Hinton"]);
    expect(narrativeQa?.authors.slice(0, 1)).toEqual(["Tomáš Kočiský"]);
    expect(narrativeQa?.authors).toContain("Gábor Melis");
    expect(deit?.authors.at(-1)).toBe("Hervé Jégou");
    expect(deit?.title).toBe("Training Data-Efficient Image Transformers & Distillation through Attention");
    expect(deit?.abstract).toContain("top-1 accuracy of 83.1% (single-crop evaluation)");
    expect(narrativeQa?.abstract).toMatch(
      /^Reading comprehension \(RC\)—in contrast to information retrieval—requires/,
    );
  });

  it("takes the arXiv id from eprint + archivePrefix, and keeps other publishers' DOIs", () => {
    expect(bert).toMatchObject({ arxivId: "1810.04805", year: 2019 });
    expect(bert?.doi).toBeUndefined(); // arXiv's own DOI only restates the id
    expect(labelSmoothing?.arxivId).toBe("1906.02629");
    expect(narrativeQa).toMatchObject({ doi: "10.1162/tacl_a_00023", year: 2018 });
    expect(narrativeQa?.arxivId).toBeUndefined();
    expect(deit?.arxivId).toBeUndefined();
  });

  it("keeps the abstract as plain text", () => {
    expect(bert?.abstract).toMatch(
      /^We introduce a new language representation model called BERT, which stands/,
    );
  });
});

describe("parseLibrary on a Google Scholar export", () => {
  const library = expectParsed(parseLibrary(libraryFixture("google-scholar.bib")));

  it("finds the arXiv id in 'journal = {arXiv preprint arXiv:…}'", () => {
    expect(library.entries.map((entry) => [entry.title, entry.arxivId, entry.year])).toEqual([
      [
        "Bert: Pre-training of deep bidirectional transformers for language understanding",
        "1810.04805",
        2018,
      ],
      ["Attention is all you need", undefined, 2017],
      ["Llama 2: Open foundation and fine-tuned chat models", "2307.09288", 2023],
      ["Deep residual learning for image recognition", undefined, 2016],
    ]);
  });

  it("has no abstracts, and 'and others' is not an author", () => {
    expect(library.entries.every((entry) => entry.abstract === undefined)).toBe(true);
    const llama = library.entries[2];
    expect(llama?.authors).toHaveLength(10);
    expect(llama?.authors.at(-1)).toBe("Shruti Bhosale");
    expect(library.entries[1]?.authors).toContain("Łukasz Kaiser");
  });
});

describe("parseLibrary on arXiv's own BibTeX export", () => {
  const library = expectParsed(parseLibrary(libraryFixture("arxiv-export.bib")));

  it("reads new and old arXiv ids from eprint", () => {
    expect(library.entries.map((entry) => entry.arxivId)).toEqual([
      "1706.03762",
      "2410.17243",
      "hep-th/9711200",
    ]);
    expect(library.entries[0]).toMatchObject({
      title: "Attention Is All You Need",
      year: 2023,
      authors: expect.arrayContaining(["Ashish Vaswani", "Aidan N. Gomez", "Illia Polosukhin"]),
    });
    expect(library.entries[2]?.authors).toEqual(["Juan M. Maldacena"]);
  });
});

describe("parseLibrary on a Zotero RIS export", () => {
  const library = expectParsed(parseLibrary(libraryFixture("zotero.ris")));
  const [dpo, alphaFold, resnet, maldacena] = library.entries;

  it("reads every record", () => {
    expect(library.format).toBe("ris");
    expect(library.entries).toHaveLength(4);
    expect(library.skipped).toEqual([]);
  });

  it("reads titles, authors, years and abstracts", () => {
    expect(dpo).toMatchObject({
      title: "Direct Preference Optimization: Your Language Model is Secretly a Reward Model",
      year: 2023,
      arxivId: "2305.18290",
    });
    expect(dpo?.authors).toEqual([
      "Rafael Rafailov",
      "Archit Sharma",
      "Eric Mitchell",
      "Stefano Ermon",
      "Christopher D. Manning",
      "Chelsea Finn",
    ]);
    expect(dpo?.abstract).toMatch(/^While large-scale unsupervised language models \(LMs\) learn/);
    expect(alphaFold?.authors).toContain("Augustin Žídek");
  });

  it("keeps journal DOIs lower-cased and finds an arXiv id in a versioned export.arxiv.org URL", () => {
    expect(alphaFold).toMatchObject({ doi: "10.1038/s41586-021-03819-2", year: 2021 });
    expect(resnet).toMatchObject({ doi: "10.1109/cvpr.2016.90", year: 2016 });
    expect(resnet?.arxivId).toBeUndefined();
    expect(maldacena).toMatchObject({ arxivId: "hep-th/9711200", doi: "10.1023/a:1026654312961" });
  });

  it("reads the same file saved by a Windows tool (byte-order mark, CRLF line ends)", () => {
    const windows = "\ufeff" + libraryFixture("zotero.ris").replace(/\n/g, "\r\n");
    const again = expectParsed(parseLibrary(windows));
    expect(again.entries).toEqual(library.entries);
  });
});

describe("parseLibrary on a Zotero CSL-JSON export", () => {
  const library = expectParsed(parseLibrary(libraryFixture("zotero-csl.json")));
  const [bert, dpo, rfDiffusion, gpt4] = library.entries;

  it("reads every item", () => {
    expect(library.format).toBe("csl-json");
    expect(library.entries).toHaveLength(4);
  });

  it("reads names, string years, month-only dates and organisations", () => {
    expect(bert).toMatchObject({ year: 2019, arxivId: "1810.04805" });
    expect(bert?.authors).toEqual(["Jacob Devlin", "Ming-Wei Chang", "Kenton Lee", "Kristina Toutanova"]);
    expect(dpo).toMatchObject({ year: 2023, arxivId: "2305.18290" });
    expect(gpt4).toMatchObject({
      title: "GPT-4 Technical Report",
      authors: ["OpenAI"],
      arxivId: "2303.08774",
    });
  });

  it("removes Zotero's rich-text markup from titles", () => {
    expect(rfDiffusion).toMatchObject({
      title: "De novo design of protein structure and function with RFdiffusion",
      doi: "10.1038/s41586-023-06415-8",
      year: 2023,
    });
  });

  it("accepts an object with an items array", () => {
    const items = JSON.parse(libraryFixture("zotero-csl.json")) as unknown[];
    const wrapped = expectParsed(parseLibrary(JSON.stringify({ items })));
    expect(wrapped.entries).toEqual(library.entries);
  });
});

describe("parseLibrary on a list of arXiv ids and URLs", () => {
  const library = expectParsed(parseLibrary(libraryFixture("arxiv-ids.txt")));

  it("gives one entry per id, without versions, ignoring comments and blank lines", () => {
    expect(library.format).toBe("ids");
    expect(library.entries.map((entry) => entry.arxivId)).toEqual([
      "2410.17243",
      "2305.18290",
      "1706.03762",
      "1810.04805",
      "2307.09288",
      "hep-th/9711200",
      "2303.08774",
    ]);
  });

  it("leaves titles empty for the caller to fill", () => {
    expect(library.entries[0]).toEqual({ title: "", authors: [], arxivId: "2410.17243" });
  });

  it("reports the repeated id", () => {
    expect(library.skipped).toEqual([{ position: 8, reason: "same paper as entry 3" }]);
  });

  it("skips words that are not ids, by name", () => {
    const mixed = expectParsed(
      parseLibrary("2410.17243 see also\narXiv: 2305.18290;<https://arxiv.org/abs/1706.03762>"),
    );
    expect(mixed.entries.map((entry) => entry.arxivId)).toEqual(["2410.17243", "2305.18290", "1706.03762"]);
    expect(mixed.skipped).toEqual([
      { position: 2, reason: '"see" is not an arXiv id or URL' },
      { position: 3, reason: '"also" is not an arXiv id or URL' },
    ]);
  });
});

describe("parseLibrary deduplication", () => {
  it("keeps the first of entries with the same arXiv id, DOI or title", () => {
    const bibtex = [
      "@misc{a, title = {Attention Is All You Need}, eprint = {1706.03762}, archivePrefix = {arXiv}}",
      "@article{b, title = {Attention is all you need}, journal = {arXiv preprint arXiv:1706.03762}}",
      "@article{c, title = {Highly accurate protein structure prediction}, doi = {10.1038/S41586-021-03819-2}}",
      "@article{d, title = {AlphaFold}, doi = {https://doi.org/10.1038/s41586-021-03819-2}}",
      "@inproceedings{e, title = {Deep Residual Learning}}",
      "@inproceedings{f, title = {Deep  residual learning}}",
    ].join("\n");
    const library = expectParsed(parseLibrary(bibtex));
    expect(library.entries.map((entry) => entry.title)).toEqual([
      "Attention Is All You Need",
      "Highly accurate protein structure prediction",
      "Deep Residual Learning",
    ]);
    expect(library.skipped).toEqual([
      { position: 2, reason: "same paper as entry 1" },
      { position: 4, reason: "same paper as entry 3" },
      { position: 6, reason: "same paper as entry 5" },
    ]);
  });
});

describe("parseLibrary on other real-world BibTeX shapes", () => {
  it("reads Mendeley's arxivId field and Semantic Scholar's ArXiv volume", () => {
    const bibtex = [
      "@article{Vaswani2017,",
      "archivePrefix = {arXiv},",
      "arxivId = {1706.03762},",
      "author = {Vaswani, Ashish and Shazeer, Noam},",
      "title = {{Attention is all you need}},",
      "year = {2017}",
      "}",
      "@article{Devlin2019BERTPO,",
      "  title={BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding},",
      "  author={Jacob Devlin and Ming-Wei Chang and Kenton Lee and Kristina Toutanova},",
      "  journal={ArXiv},",
      "  year={2019},",
      "  volume={abs/1810.04805},",
      "  url={https://api.semanticscholar.org/CorpusID:52967399}",
      "}",
    ].join("\n");
    const library = expectParsed(parseLibrary(bibtex));
    expect(library.entries.map((entry) => entry.arxivId)).toEqual(["1706.03762", "1810.04805"]);
  });

  it("applies @string macros and reads math in titles as text", () => {
    const bibtex = [
      '@string{neurips = "Advances in Neural Information Processing Systems"}',
      "@inproceedings{k, title = {Sharp Bounds for $\\mathcal{O}(n \\log n)$ Sorting with {$\\alpha$}-Stable Noise},",
      "  booktitle = neurips, note = {arXiv:2106.01234}, year = 2021}",
    ].join("\n");
    const [entry] = expectParsed(parseLibrary(bibtex)).entries;
    expect(entry?.title).toBe("Sharp Bounds for O(n log n) Sorting with α-Stable Noise");
    expect(entry?.arxivId).toBe("2106.01234");
  });

  it("skips the PubMed eprint of an entry instead of taking it for arXiv", () => {
    const bibtex = "@article{k, title = {A}, eprint = {1706.03762}, eprinttype = {pubmed}}";
    expect(expectParsed(parseLibrary(bibtex)).entries[0]?.arxivId).toBeUndefined();
  });

  it("keeps at most 50 authors and clips a long title to 300 characters", () => {
    const authors = Array.from({ length: 80 }, (_, i) => `Author${i}, Given`).join(" and ");
    const title = "Scaling ".repeat(60);
    const [entry] = expectParsed(
      parseLibrary(`@article{k, title = {${title}}, author = {${authors}}}`),
    ).entries;
    expect(entry?.authors).toHaveLength(50);
    expect(entry?.authors[49]).toBe("Given Author49");
    expect(entry?.title.length).toBeLessThanOrEqual(300);
    expect(entry?.title.endsWith("…")).toBe(true);
  });
});
