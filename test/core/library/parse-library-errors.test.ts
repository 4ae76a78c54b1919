import { describe, expect, it } from "vitest";
import { MAX_LIBRARY_BYTES, MAX_LIBRARY_ENTRIES } from "../../../src/core/library/entry.js";
import { parseLibrary } from "../../../src/core/library/parse-library.js";
import { expectError, expectParsed, libraryFixture } from "./fixture.js";

const ACCEPTED = "Accepted: BibTeX, RIS, CSL-JSON, or a list of arXiv ids/URLs.";

describe("parseLibrary on a partly broken BibTeX file", () => {
  const library = expectParsed(parseLibrary(libraryFixture("partly-broken.bib")));

  it("imports the good entries", () => {
    expect(library.entries.map((entry) => [entry.title, entry.arxivId])).toEqual([
      ["Deep Residual Learning for Image Recognition", "1512.03385"],
      ["Denoising Diffusion Probabilistic Models", "2006.11239"],
    ]);
  });

  it("names the broken entry by position and line, and the entry without a title", () => {
    expect(library.skipped).toEqual([
      { position: 2, reason: 'line 10 "@article{radford2021clip," is not valid' },
      { position: 4, reason: "no title" },
    ]);
  });

  it("names the line citation-js stopped at when it is inside the entry", () => {
    const bibtex = [
      "@article{good, title = {Good}}",
      "@article{bad,",
      "  title = {Fine},",
      "  123 = {not a field name}",
      "}",
      "@article{alsoGood, title = {Also good}}",
    ].join("\n");
    const result = expectParsed(parseLibrary(bibtex));
    expect(result.entries.map((entry) => entry.title)).toEqual(["Good", "Also good"]);
    expect(result.skipped).toEqual([
      { position: 2, reason: 'line 4 "123 = {not a field name}" is not valid' },
    ]);
  });

  it("still applies @string macros to the good entries", () => {
    const bibtex = [
      '@string{title1 = "Macro Title"}',
      "@article{a, title = title1}",
      "@article{broken title = {x}}",
    ].join("\n");
    const result = expectParsed(parseLibrary(bibtex));
    expect(result.entries.map((entry) => entry.title)).toEqual(["Macro Title"]);
    expect(result.skipped).toEqual([
      { position: 2, reason: 'line 3 "@article{broken title = {x}}" is not valid' },
    ]);
  });
});

describe("parseLibrary on files it cannot read", () => {
  it("names the format and the first line it could not read", () => {
    const bibtex = "% my papers\n\n@article{foo, title = {Unclosed\n  author = {Doe, Jane}\n";
    expect(expectError(parseLibrary(bibtex))).toBe(
      `Could not read this as BibTeX: line 3 "@article{foo, title = {Unclosed" is not valid. ${ACCEPTED}`,
    );
  });

  it("names the line of broken JSON", () => {
    const json = '[\n  {\n    "title": "A",\n    "author": [{"family": "Doe"}],,\n  }\n]';
    expect(expectError(parseLibrary(json))).toBe(
      `Could not read this as CSL-JSON: line 4 ""author": [{"family": "Doe"}],," is not valid JSON. ${ACCEPTED}`,
    );
  });

  it("says when JSON is not CSL", () => {
    expect(expectError(parseLibrary('{"name": "my-package", "version": "1.0.0"}'))).toBe(
      `Could not read this as CSL-JSON: it is JSON, but not a list of CSL items. ${ACCEPTED}`,
    );
  });

  it("names the first line of text that is not an id", () => {
    const text = "# reading list\n\nAttention is all you need\nBERT";
    expect(expectError(parseLibrary(text))).toBe(
      `Could not read this as a list of arXiv ids/URLs: line 3 "Attention is all you need" is not an arXiv id or URL. ${ACCEPTED}`,
    );
  });

  it("says when every entry lacks a title", () => {
    expect(expectError(parseLibrary("@misc{a, author = {Doe, Jane}, year = {2020}}"))).toBe(
      `Could not read this as BibTeX: entry 1 has no title. ${ACCEPTED}`,
    );
  });

  it("reports RIS tag lines outside any record and still reads the records", () => {
    const ris = "AU  - Lost, Author\nTI  - Orphan\nER  - \n\nTY  - JOUR\nTI  - Found\nER  - \n";
    const library = expectParsed(parseLibrary(ris));
    expect(library.entries.map((entry) => entry.title)).toEqual(["Found"]);
    expect(library.skipped).toEqual([
      { position: 1, reason: 'line 1 "AU - Lost, Author" is outside a record (no "TY  - " line before it)' },
    ]);
  });

  it("says what is accepted when the text is empty", () => {
    expect(expectError(parseLibrary(""))).toBe(`The library is empty. ${ACCEPTED}`);
    expect(expectError(parseLibrary(" \n\t\n"))).toBe(`The library is empty. ${ACCEPTED}`);
  });

  it("recognises binary garbage and PDFs", () => {
    const bytes = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256);
    expect(expectError(parseLibrary(new TextDecoder().decode(bytes)))).toBe(
      `This is a binary file, not a library export. ${ACCEPTED}`,
    );
    expect(
      expectError(parseLibrary("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog >>")),
    ).toBe(`This is a PDF, not a library export. ${ACCEPTED}`);
  });

  it("clips quoted lines and removes control characters from them", () => {
    const line = "\u001b[31m" + "word ".repeat(40);
    const message = expectError(parseLibrary(line));
    const quoted = /line 1 "(.*)" is not/.exec(message)?.[1] ?? "";
    expect(quoted.length).toBeLessThanOrEqual(60);
    expect(quoted).toMatch(/^\[31mword word/);
    expect(quoted.endsWith("…")).toBe(true);
  });
});

describe("parseLibrary limits", () => {
  it("refuses more than 2 MB, measured in UTF-8 bytes", () => {
    expect(expectError(parseLibrary("x".repeat(3_250_586)))).toBe(
      "The file is 3.1 MB; the limit is 2 MB. Export a smaller collection.",
    );
    // 700,000 "ü" are 1.4 M characters of text but 2.8 MB of UTF-8.
    expect(expectError(parseLibrary("ü".repeat(1_400_000)))).toMatch(
      /^The file is 2\.7 MB; the limit is 2 MB/,
    );
    expect(expectError(parseLibrary("x".repeat(MAX_LIBRARY_BYTES + 1)))).toMatch(/^The file is 2\.1 MB;/);
  });

  it("accepts a file of exactly 2 MB", () => {
    const start = "2410.17243\n# ";
    const text = start + "x".repeat(MAX_LIBRARY_BYTES - start.length);
    expect(expectParsed(parseLibrary(text)).entries).toEqual([
      { title: "", authors: [], arxivId: "2410.17243" },
    ]);
  });

  it("refuses more than 5,000 entries, naming the count", () => {
    const entry = (i: number): string => `@misc{k${i}, title = {Paper ${i}}}\n`;
    const tooMany = Array.from({ length: MAX_LIBRARY_ENTRIES + 1 }, (_, i) => entry(i)).join("");
    expect(expectError(parseLibrary(tooMany))).toBe(
      "The library has 5,001 entries; the limit is 5,000. Export a smaller collection.",
    );
    const enough = Array.from({ length: MAX_LIBRARY_ENTRIES }, (_, i) => entry(i)).join("");
    expect(expectParsed(parseLibrary(enough)).entries).toHaveLength(MAX_LIBRARY_ENTRIES);
  });

  it("counts the ids of a list", () => {
    const ids = Array.from({ length: 6_000 }, (_, i) => `2401.${String(10_000 + i)}`).join("\n");
    expect(expectError(parseLibrary(ids))).toBe(
      "The library has 6,000 entries; the limit is 5,000. Export a smaller collection.",
    );
  });
});

describe("parseLibrary on hostile input", () => {
  it.each([
    ["deeply nested JSON arrays", "[".repeat(200_000) + "]".repeat(200_000)],
    ["deeply nested CSL values", '[{"title": ' + "[".repeat(100_000) + '"x"' + "]".repeat(100_000) + "}]"],
    [
      "deeply nested BibTeX braces",
      "@article{k, title = " + "{".repeat(100_000) + "x" + "}".repeat(100_000) + "}",
    ],
    [
      "deeply nested LaTeX commands",
      "@article{k, title = {" + "\\emph{".repeat(20_000) + "x" + "}".repeat(20_000 + 1) + "}",
    ],
    [
      "an unbalanced LaTeX environment",
      "@article{k, title = {\\begin{x} y \\end{z}}, eprint = {2401.12345}}",
    ],
    ["a RIS record with a blank type", "TY  -\nTI  - Untyped\nER  - \n"],
    ["a RIS record with two years", "TY  - JOUR\nTI  - Twice\nPY  - 2020\nPY  - 2021\nER  - \n"],
    [
      "prototype keys",
      '[{"title": "A", "__proto__": {"polluted": 1}, "author": [{"family": "constructor"}]}]',
    ],
    [
      "BibTeX prototype keys",
      '@string{constructor = "x"}\n@article{__proto__, title = constructor, __proto__ = {1}}',
    ],
    [
      "entities and control characters",
      '[{"title": "A &amp; B &#0; &#x1F600; &constructor; \\u0007\\u202eC"}]',
    ],
    ["null bytes in a list", "2401.12345\u0000\u0000"],
    ["lone surrogates", "\ud800 2401.12345 \udfff"],
  ])("never throws on %s", (_case, text) => {
    expect(() => parseLibrary(text)).not.toThrow();
    const result = parseLibrary(text);
    expect("error" in result || result.entries.length > 0).toBe(true);
  });

  it("reads the parts of hostile entries that make sense", () => {
    const env = expectParsed(
      parseLibrary(
        "@article{k, title = {\\begin{x} y \\end{z}}, author = {Doe, Jane}, eprint = {2401.12345}}",
      ),
    );
    expect(env.entries).toEqual([{ title: "", authors: ["Jane Doe"], arxivId: "2401.12345" }]);
    const badAbstract = expectParsed(
      parseLibrary("@article{k, title = {Kept}, abstract = {\\begin{align} x \\end{equation}}, year = 2020}"),
    );
    expect(badAbstract.entries).toEqual([{ title: "Kept", authors: [], year: 2020 }]);
    const twice = expectParsed(parseLibrary("TY  - JOUR\nTI  - Twice\nPY  - 2020\nPY  - 2021\nER  - \n"));
    expect(twice.entries[0]?.title).toBe("Twice");
    const untyped = expectParsed(parseLibrary("TY  -\nTI  - Untyped\nER  - \n"));
    expect(untyped.entries[0]?.title).toBe("Untyped");
    const entities = expectParsed(
      parseLibrary('[{"title": "A &amp; B &#x1F600; &constructor; \\u0007\\u202eC"}]'),
    );
    expect(entities.entries[0]?.title).toBe("A & B 😀 &constructor; C");
    expect(Object.prototype).not.toHaveProperty("polluted");
  });

  it("returns an error rather than throwing for a non-string", () => {
    expect(expectError(parseLibrary(undefined as unknown as string))).toBe(
      `The library is empty. ${ACCEPTED}`,
    );
  });
});

describe("hostile id lists", () => {
  it("reads inputs built to make a pattern backtrack without stalling", () => {
    // Before: a line of "arxiv" and 40,000 spaces took seconds; a 2 MB file would take hours.
    for (const text of [
      `arxiv${" ".repeat(400_000)}x`,
      `${")".repeat(400_000)}a`,
      `(${"x".repeat(400_000)}`,
    ]) {
      const result = parseLibrary(text);
      expect("error" in result).toBe(true);
    }
  }, 20_000);
});
