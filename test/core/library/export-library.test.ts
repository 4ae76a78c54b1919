import type { Creator, Entry } from "@retorquere/bibtex-parser";
import { parse as parseBibtexIndependently } from "@retorquere/bibtex-parser";
import { describe, expect, it } from "vitest";
import type { ExportFormat } from "../../../src/core/library/export-library.js";
import { EXPORT_FORMATS, exportPapers, parseExportFormat } from "../../../src/core/library/export-library.js";
import { parseLibrary } from "../../../src/core/library/parse-library.js";
import type { Paper } from "../../../src/core/paper.js";
import { expectParsed } from "./fixture.js";
import { EXPECTED_ENTRIES, READING_LIST } from "./reading-list.js";

const IMPORTED_AS = { bibtex: "bibtex", ris: "ris", csl: "csl-json" } as const;

/** The fields an import keeps, in the shape of EXPECTED_ENTRIES. */
function reimport(text: string) {
  const library = expectParsed(parseLibrary(text));
  return {
    format: library.format,
    skipped: library.skipped,
    entries: library.entries.map(({ title, authors, year, arxivId, abstract }) => ({
      title,
      authors,
      ...(year === undefined ? {} : { year }),
      ...(arxivId === undefined ? {} : { arxivId }),
      ...(abstract === undefined ? {} : { abstract }),
    })),
  };
}

/** BibTeX read by the parser Better BibTeX uses: LaTeX decoded to Unicode, no case or sentence changes. */
function readBibtex(text: string) {
  return parseBibtexIndependently(text, { english: false, caseProtection: false, sentenceCase: false });
}

/** A creator as "Given Family", the way the paper stored it. */
function fullName(creator: Creator): string {
  if (creator.name !== undefined) return creator.name;
  return [creator.firstName, creator.prefix, creator.lastName, creator.suffix].filter(Boolean).join(" ");
}

/** The records of a RIS text, each as its tag lines. */
function risRecords(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] | undefined;
  for (const line of text.split("\r\n")) {
    if (line.startsWith("TY  - ")) record = [];
    if (record !== undefined && line !== "") record.push(line);
    if (line === "ER  - " && record !== undefined) {
      records.push(record);
      record = undefined;
    }
  }
  return records;
}

function risValues(record: string[], tag: string): string[] {
  return record.filter((line) => line.startsWith(`${tag}  - `)).map((line) => line.slice(6));
}

describe("exportPapers round trip", () => {
  it.each(EXPORT_FORMATS)("%s: importing the export gives the same papers", (format) => {
    const imported = reimport(exportPapers(READING_LIST, format).text);
    expect(imported.format).toBe(IMPORTED_AS[format]);
    expect(imported.skipped).toEqual([]);
    expect(imported.entries).toEqual(EXPECTED_ENTRIES);
  });

  it.each(EXPORT_FORMATS)("%s: a list exported twice gives the same file", (format) => {
    expect(exportPapers(READING_LIST, format).text).toBe(exportPapers([...READING_LIST], format).text);
  });

  // A stored title keeps TeX as arXiv has it. Every export writes it as the literal text (the
  // independent parser below reads the backslash back), but the importer reads any library's leftover
  // LaTeX commands and rich-text tags as plain words, CSL-JSON included: "\log" → "log", "<i>x</i>" → "x",
  // "\emph{x}" → "{x}".
  it.each(EXPORT_FORMATS)(
    "%s: TeX commands and tags in a title come back as the importer reads them",
    (format) => {
      const paper: Paper = {
        id: "2501.00001",
        title: "Search in $O(\\log n)$ with <i>Cuckoo</i> Tables",
        abstract: "Uses \\emph{two} tables.",
        authors: ["Rasmus Pagh"],
        sources: ["arxiv"],
      };
      const [entry] = reimport(exportPapers([paper], format).text).entries;
      expect(entry).toMatchObject({
        title: "Search in $O(log n)$ with Cuckoo Tables",
        abstract: "Uses {two} tables.",
        arxivId: "2501.00001",
      });
    },
  );

  it.each(EXPORT_FORMATS)("%s: control characters and a broken surrogate do not break the file", (format) => {
    const paper: Paper = {
      id: "2501.00002",
      title: "Null\u0000 bytes, a lone \ud800 surrogate and }{ unbalanced braces",
      abstract: "Tabs\tand\r\nline breaks",
      authors: ["Ada\u0007 Lovelace"],
      sources: ["arxiv"],
    };
    const [entry] = reimport(exportPapers([paper], format).text).entries;
    expect(entry).toEqual({
      title: "Null bytes, a lone \ufffd surrogate and }{ unbalanced braces",
      authors: ["Ada Lovelace"],
      arxivId: "2501.00002",
      abstract: "Tabs and line breaks",
    });
  });
});

describe("exportPapers names", () => {
  const paper: Paper = {
    id: "2501.00003",
    title: "Names",
    abstract: "",
    authors: [
      "Martin Luther King, Jr.",
      "Tom and Jerry Smith",
      "Google DeepMind and Friends",
      "Jean-Baptiste de la Fontaine",
    ],
    sources: ["arxiv"],
  };
  // The one change: the comma before a suffix is not kept (CSL and BibTeX hold the suffix apart).
  const expected = [
    "Martin Luther King Jr.",
    "Tom and Jerry Smith",
    "Google DeepMind and Friends",
    "Jean-Baptiste de la Fontaine",
  ];

  it.each(EXPORT_FORMATS)("%s: a word 'and' in a name does not split it, on import", (format) => {
    expect(reimport(exportPapers([paper], format).text).entries[0]?.authors).toEqual(expected);
  });

  it("bibtex: a word 'and' in a name does not split it, for an independent parser", () => {
    const [entry] = readBibtex(exportPapers([paper], "bibtex").text).entries;
    expect(entry?.fields.author?.map(fullName)).toEqual(expected);
  });
});

describe("exportPapers BibTeX, read by an independent parser", () => {
  const text = exportPapers(READING_LIST, "bibtex").text;
  const library = readBibtex(text);
  const byKey = new Map(library.entries.map((entry) => [entry.key, entry]));
  const entry = (key: string): Entry => byKey.get(key) ?? expect.fail(`no entry ${key}`);

  it("parses without errors, one @misc entry per paper", () => {
    expect(library.errors).toEqual([]);
    expect(library.entries.map((item) => item.type)).toEqual(READING_LIST.map(() => "misc"));
  });

  it("gives each entry a plain-ASCII key from first author, year and first title word", () => {
    expect(library.entries.map((item) => item.key)).toEqual([
      "muller2024zurich",
      "kaiser2023sparse",
      "touvron2023llama",
      "garcia2025open",
      "vaswaniattention",
      "maldacena1997large",
    ]);
  });

  it("keeps titles and abstracts character for character, LaTeX specials and CJK included", () => {
    expect(library.entries.map((item) => item.fields.title)).toEqual(
      READING_LIST.map((paper) => paper.title),
    );
    expect(library.entries.map((item) => item.fields.abstract)).toEqual(
      EXPECTED_ENTRIES.map((expected) => expected.abstract),
    );
  });

  it("splits names into family and given parts, with particles, suffixes and one-word names", () => {
    expect(library.entries.map((item) => (item.fields.author ?? []).map(fullName))).toEqual(
      READING_LIST.map((paper) => paper.authors),
    );
    expect(entry("muller2024zurich").fields.author?.slice(0, 1)).toEqual([
      { lastName: "Müller", firstName: "Jörg" },
    ]);
    expect(entry("muller2024zurich").fields.author?.at(-1)).toMatchObject({
      lastName: "Beethoven",
      prefix: "van",
    });
    expect(entry("muller2024zurich").fields.author?.[3]).toEqual({ name: "王小明" });
    expect(entry("maldacena1997large").fields.author?.at(-1)).toMatchObject({
      lastName: "King",
      suffix: "Jr.",
    });
  });

  it("carries arXiv's eprint, archivePrefix, primaryClass and DOI, and the date", () => {
    expect(entry("muller2024zurich").fields).toMatchObject({
      eprint: "2410.01234",
      archiveprefix: "arXiv",
      primaryclass: "cs.CL",
      doi: "10.48550/arXiv.2410.01234",
      url: "https://arxiv.org/abs/2410.01234",
      year: "2024",
      month: "10",
      date: "2024-10-03",
    });
    expect(entry("maldacena1997large").fields).toMatchObject({
      eprint: "hep-th/9711200",
      url: "https://arxiv.org/abs/hep-th/9711200",
    });
    expect(entry("vaswaniattention").fields.year).toBeUndefined();
  });

  it("gives a paper from elsewhere its own URL and no arXiv fields", () => {
    const fields = entry("garcia2025open").fields;
    expect(fields.url).toBe("https://huggingface.co/papers/open-reasoner?utm_source=digest&ref=a_b%20c");
    expect(fields.eprint).toBeUndefined();
    expect(fields.doi).toBeUndefined();
  });

  it("writes accents and CJK as UTF-8 and escapes LaTeX's special characters", () => {
    expect(text).toContain("title = {Zürich to 東京: Über-");
    expect(text).toContain("100\\% {Recall} \\& \\$k\\$");
    expect(text).toContain("author = {Müller, Jörg and Kočiský, Tomáš");
  });
});

describe("exportPapers RIS, read tag by tag", () => {
  const text = exportPapers(READING_LIST, "ris").text;
  const records = risRecords(text);

  it("has one record per paper, every line a tag line, each record from TY to ER", () => {
    expect(records).toHaveLength(READING_LIST.length);
    for (const line of text.split("\r\n").filter((candidate) => candidate !== "")) {
      expect(line).toMatch(/^[A-Z][A-Z0-9] {2}- /);
    }
    for (const record of records) {
      expect(record[0]).toMatch(/^TY {2}- [A-Z]+$/);
      expect(record.at(-1)).toBe("ER  - ");
    }
  });

  it("has the title, one AU per author in 'Family, Given' form, the abstract, year and URL", () => {
    records.forEach((record, index) => {
      const paper = READING_LIST[index] as Paper;
      expect(risValues(record, "TI")).toEqual([paper.title]);
      expect(risValues(record, "AU")).toHaveLength(paper.authors.length);
      expect(risValues(record, "AB")).toEqual([EXPECTED_ENTRIES[index]?.abstract]);
    });
    const [zurich, , , openReasoner] = records as string[][];
    expect(risValues(zurich ?? [], "AU")).toEqual([
      "Müller, Jörg",
      "Kočiský, Tomáš",
      "Jégou, Hervé",
      "王小明",
      "van Beethoven, Ludwig",
    ]);
    expect(risValues(zurich ?? [], "PY")).toEqual(["2024"]);
    expect(risValues(zurich ?? [], "DO")).toEqual(["10.48550/arXiv.2410.01234"]);
    expect(risValues(zurich ?? [], "UR")).toEqual(["https://arxiv.org/abs/2410.01234"]);
    expect(risValues(openReasoner ?? [], "UR")).toEqual([READING_LIST[3]?.url]);
    expect(risValues(openReasoner ?? [], "DO")).toEqual([]);
  });
});

describe("exportPapers RIS for a paper with neither date nor arXiv id", () => {
  // Such a record has no tag that only RIS's newer version knows (PY, DO, C7…); had it citation-js's
  // ID tag, the importer would read it as old RIS, where AB is a note, and lose the abstract.
  it("keeps the abstract on import", () => {
    const paper: Paper = {
      id: "hf-undated-1",
      title: "An Undated Blog Post",
      abstract: "Notes on evaluation.",
      authors: ["Ada Lovelace"],
      url: "https://huggingface.co/blog/undated",
      sources: ["hf"],
    };
    const { text } = exportPapers([paper], "ris");
    expect(text).not.toMatch(/^ID {2}- /m);
    expect(reimport(text).entries).toEqual([
      { title: "An Undated Blog Post", authors: ["Ada Lovelace"], abstract: "Notes on evaluation." },
    ]);
  });
});

describe("exportPapers CSL-JSON, checked against the CSL schema's basics", () => {
  const items: unknown = JSON.parse(exportPapers(READING_LIST, "csl").text);

  it("is an array of CSL items with type, title, names, date parts, URL and abstract", () => {
    expect(Array.isArray(items)).toBe(true);
    const list = items as Record<string, unknown>[];
    expect(list).toHaveLength(READING_LIST.length);
    list.forEach((item, index) => {
      const paper = READING_LIST[index] as Paper;
      expect(item).toMatchObject({
        type: "article",
        title: paper.title,
        URL: expect.stringMatching(/^https:\/\//),
      });
      expect(typeof item.id).toBe("string");
      expect(item.abstract).toBe(EXPECTED_ENTRIES[index]?.abstract);
      for (const name of item.author as Record<string, unknown>[]) {
        expect(typeof name.family).toBe("string");
        expect(["string", "undefined"]).toContain(typeof name.given);
      }
    });
    expect(list[0]).toMatchObject({
      author: [
        { given: "Jörg", family: "Müller" },
        { given: "Tomáš", family: "Kočiský" },
        { given: "Hervé", family: "Jégou" },
        { family: "王小明" },
        { given: "Ludwig", family: "van Beethoven" },
      ],
      issued: { "date-parts": [[2024, 10, 3]] },
      DOI: "10.48550/arXiv.2410.01234",
      number: "arXiv:2410.01234",
    });
    expect(list[4]?.issued).toBeUndefined();
    expect(list[3]).toMatchObject({ URL: READING_LIST[3]?.url });
    expect(list[3]?.DOI).toBeUndefined();
  });
});

describe("exportPapers citation keys", () => {
  const paper = (id: string, title: string, authors: string[], publishedAt?: string): Paper => ({
    id,
    title,
    abstract: "",
    authors,
    ...(publishedAt === undefined ? {} : { publishedAt }),
    sources: ["arxiv"],
  });
  const keysOf = (papers: Paper[]) =>
    readBibtex(exportPapers(papers, "bibtex").text).entries.map((e) => e.key);

  it("tells papers with the same author, year and first word apart with a, b…", () => {
    const deep = (id: string) => paper(id, "Deep Residual Learning", ["Kaiming He"], "2016-01-01");
    expect(keysOf([deep("1512.03385"), deep("1603.05027"), deep("1605.07146")])).toEqual([
      "he2016deep",
      "he2016deepa",
      "he2016deepb",
    ]);
  });

  it("skips leading articles and falls back when no word is ASCII", () => {
    expect(
      keysOf([
        paper("2401.00001", "The Art of Scaling", ["Ana Ruiz"], "2024-01-02"),
        paper("2401.00002", "深層学習", ["王小明"], "2024-01-02"),
        paper("2401.00003", "", [], undefined),
      ]),
    ).toEqual(["ruiz2024art", "paper2024", "paper"]);
  });
});

describe("exportPapers files", () => {
  it.each([
    ["bibtex", "reading-list.bib", "application/x-bibtex"],
    ["ris", "reading-list.ris", "application/x-research-info-systems"],
    ["csl", "reading-list.json", "application/vnd.citationstyles.csl+json"],
  ] as const)("%s is %s (%s)", (format, fileName, mimeType) => {
    expect(exportPapers(READING_LIST, format)).toMatchObject({ fileName, mimeType });
  });

  it("gives a valid empty file for an empty list", () => {
    const bibtex = exportPapers([], "bibtex").text;
    expect(readBibtex(bibtex)).toMatchObject({ errors: [], entries: [] });
    expect(exportPapers([], "ris").text).toBe("");
    expect(JSON.parse(exportPapers([], "csl").text)).toEqual([]);
  });

  it.each(EXPORT_FORMATS)(
    "%s: does not throw on papers with missing or mistyped fields",
    (format: ExportFormat) => {
      const broken = [
        { id: "2401.00004", title: undefined, authors: "Ada Lovelace", sources: [] },
        {
          id: "2401.00005",
          title: "Only a Title",
          abstract: 42,
          authors: [null, "", " "],
          publishedAt: "soon",
          categories: "cs.CL",
        },
        null,
      ] as unknown as Paper[];
      const { text } = exportPapers(broken, format);
      expect(reimport(text).entries.map((entry) => entry.arxivId)).toEqual(["2401.00004", "2401.00005"]);
    },
  );
});

describe("parseExportFormat", () => {
  it.each([
    ["", "bibtex"],
    ["  ", "bibtex"],
    ["bibtex", "bibtex"],
    ["BibTeX", "bibtex"],
    ["bib", "bibtex"],
    ["RIS", "ris"],
    ["csl", "csl"],
    ["CSL-JSON", "csl"],
    [" json ", "csl"],
  ])("%j is %s", (text, format) => {
    expect(parseExportFormat(text)).toBe(format);
  });

  it.each(["pdf", "endnote", "bibtex ris", "csljson"])("%j is refused with the valid forms", (text) => {
    expect(parseExportFormat(text)).toEqual({
      error: `"${text}" is not an export format. Use /export [bibtex|ris|csl]`,
    });
  });
});
