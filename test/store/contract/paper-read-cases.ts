import { describe, expect, it } from "vitest";
import type { IndexedPaper, Paper, PaperByline, PaperSource } from "../../../src/core/paper.js";
import { authorFamilies } from "../../../src/core/recommender/author-names.js";
import type { PaperRecords } from "../../../src/core/store/port.js";
import { aPaper } from "./helpers.js";
import type { StoreHandle } from "./helpers.js";
import { emptySnapshot } from "./snapshot-fixture.js";

const ids = (papers: readonly Paper[]): string[] => papers.map((paper) => paper.id);

/** A paper dated `publishedAt` as given, or without a date when it is undefined. */
function dated(id: string, publishedAt: string | undefined, sources: PaperSource[] = ["arxiv"]): Paper {
  const { publishedAt: _dropped, ...paper } = aPaper(id, { sources });
  return publishedAt === undefined ? paper : { ...paper, publishedAt };
}

/** Every page `pages(size)` answers, as the ids of each. */
async function pageIds(papers: PaperRecords, size: number): Promise<string[][]> {
  const pages: string[][] = [];
  for await (const page of papers.pages(size)) pages.push(ids(page));
  return pages;
}

/** Each page size that is not a whole number of at least 1 makes `read` reject with RangeError. */
async function expectBadSizesRefused(read: (size: number) => Promise<unknown>): Promise<void> {
  for (const size of [0, -1, 1.5, Number.NaN]) await expect(read(size)).rejects.toThrow(RangeError);
}

/** A part's date field: absent for an undated paper, as stores answer it. */
function dateOf(publishedAt: string | undefined): { publishedAt?: string } {
  return publishedAt === undefined ? {} : { publishedAt };
}

/** The instant `since` is asked from in the date cases. */
const boundary = new Date("2024-03-08T00:00:00.000Z");

/**
 * Dates around `boundary` written the ways sources write them. String order and instant order
 * disagree on the offset ones, so comparing text instead of instants fails.
 */
const aroundBoundary: Array<[id: string, publishedAt: string | undefined, answered: boolean]> = [
  ["at-no-millis", "2024-03-08T00:00:00Z", true],
  ["old", "2023-12-31T00:00:00.000Z", false],
  ["at-millis", "2024-03-08T00:00:00.000Z", true],
  ["at-offset", "2024-03-08T01:00:00+01:00", true],
  ["undated", undefined, true],
  ["before-by-offset", "2024-03-08T00:30:00+01:00", false],
  ["after-by-offset", "2024-03-07T23:30:00-01:00", true],
  ["malformed", "not a date", true],
  ["a-millisecond-before", "2024-03-07T23:59:59.999Z", false],
  ["impossible-month", "2024-13-45T00:00:00Z", true],
  ["year-zero", "0000-01-01T00:00:00Z", false],
  ["before-any-timestamp", "-010000-01-01T00:00:00Z", false],
  ["far-future", "+010000-01-01T00:00:00Z", true],
  ["date-only-after", "2024-03-09", true],
];

/** papers.get, since, pages and sourceSummary: reading papers without holding them all. */
export function paperReadCases(handle: StoreHandle): void {
  describe("papers: get", () => {
    it("answers the papers in the order asked, leaving out unknown ids and answering a repeated id once", async () => {
      const { papers } = handle.store;
      await papers.put([aPaper("a"), aPaper("b"), aPaper("c")]);
      const revised = aPaper("b", { title: "Revised", sources: ["arxiv", "hf"] });
      await papers.put([revised]);
      expect(await papers.get(["c", "unknown", "a", "c", "b", "a"])).toEqual([
        aPaper("c"),
        aPaper("a"),
        revised,
      ]);
      expect(await papers.get(["unknown"])).toEqual([]);
    });

    it("no ids, or an empty store, answer nothing", async () => {
      const { papers } = handle.store;
      expect(await papers.get(["a"])).toEqual([]);
      await papers.put([aPaper("a")]);
      expect(await papers.get([])).toEqual([]);
    });

    it("hands out copies", async () => {
      const { papers } = handle.store;
      await papers.put([aPaper("a")]);
      const [got] = await papers.get(["a"]);
      got?.authors.push("Changed by the caller");
      expect(await papers.get(["a"])).toEqual([aPaper("a")]);
    });
  });

  describe("papers: since", () => {
    it("answers papers published at or after the instant, and undated or unreadable ones, in the order first stored", async () => {
      const { papers } = handle.store;
      await papers.put(aroundBoundary.map(([id, publishedAt]) => dated(id, publishedAt)));
      const answered = aroundBoundary
        .filter(([, , yes]) => yes)
        .map(([id, publishedAt]) => dated(id, publishedAt));
      expect(await papers.since(boundary)).toEqual(answered);
    });

    it("follows a replaced paper's new date, keeping its place", async () => {
      const { papers } = handle.store;
      await papers.put([
        dated("a", "2024-01-01T00:00:00Z"),
        dated("b", "2024-04-01T00:00:00Z"),
        dated("c", undefined),
      ]);
      await papers.put([dated("c", "2024-01-02T00:00:00Z"), dated("a", "2024-03-09T00:00:00+00:00")]);
      expect(ids(await papers.since(boundary))).toEqual(["a", "b"]);
      await papers.put([dated("b", "garbled")]);
      expect(await papers.since(boundary)).toEqual([
        dated("a", "2024-03-09T00:00:00+00:00"),
        dated("b", "garbled"),
      ]);
    });

    it("answers the papers a replaceAll brought, by their dates", async () => {
      const { store } = handle;
      await store.papers.put([dated("gone", undefined)]);
      await store.replaceAll({
        ...emptySnapshot(),
        papers: [
          dated("new", "2024-03-10T00:00:00Z"),
          dated("old", "2024-01-01T00:00:00Z"),
          dated("bad", "?"),
        ],
      });
      expect(ids(await store.papers.since(boundary))).toEqual(["new", "bad"]);
    });

    it("an empty store answers nothing, and an invalid Date is refused", async () => {
      const { papers } = handle.store;
      expect(await papers.since(boundary)).toEqual([]);
      await expect(papers.since(new Date(Number.NaN))).rejects.toThrow(TypeError);
    });

    it("hands out copies", async () => {
      const { papers } = handle.store;
      await papers.put([aPaper("a", { publishedAt: "2024-03-09T00:00:00.000Z" })]);
      const [got] = await papers.since(boundary);
      if (got) got.title = "Changed by the caller";
      expect(await papers.since(boundary)).toEqual([
        aPaper("a", { publishedAt: "2024-03-09T00:00:00.000Z" }),
      ]);
    });
  });

  describe("papers: pages", () => {
    // More than nine, so that positions ordered as text ("1", "10", "11", "2"…) would show.
    const twelve = Array.from({ length: 12 }, (_, n) => `p${String(n + 1).padStart(2, "0")}`);
    const inRuns = (size: number): string[][] =>
      Array.from({ length: Math.ceil(twelve.length / size) }, (_, n) =>
        twelve.slice(n * size, (n + 1) * size),
      );

    it("answers every paper in the order first stored, at most `size` a page, no page empty", async () => {
      const { papers } = handle.store;
      await papers.put(twelve.slice(0, 7).map((id) => aPaper(id)));
      await papers.put(twelve.slice(7).map((id) => aPaper(id)));
      expect(await pageIds(papers, 1)).toEqual(inRuns(1));
      expect(await pageIds(papers, 2)).toEqual(inRuns(2));
      expect(await pageIds(papers, 5)).toEqual([twelve.slice(0, 5), twelve.slice(5, 10), twelve.slice(10)]);
      expect(await pageIds(papers, 12)).toEqual([twelve]);
      expect(await pageIds(papers, 1000)).toEqual([twelve]);
    });

    it("an empty store answers no page", async () => {
      expect(await pageIds(handle.store.papers, 3)).toEqual([]);
    });

    it("a replaced paper keeps its place and is answered as replaced", async () => {
      const { papers } = handle.store;
      await papers.put([aPaper("a"), aPaper("b"), aPaper("c")]);
      const revised = aPaper("a", { title: "Revised", upvotes: 3 });
      await papers.put([aPaper("d"), revised]);
      const pages: Paper[][] = [];
      for await (const page of papers.pages(2)) pages.push(page);
      expect(pages).toEqual([
        [revised, aPaper("b")],
        [aPaper("c"), aPaper("d")],
      ]);
    });

    it("a size that is not a whole number of at least 1 is refused", async () => {
      const { papers } = handle.store;
      await papers.put([aPaper("a")]);
      await expectBadSizesRefused((size) => pageIds(papers, size));
    });

    it("hands out copies", async () => {
      const { papers } = handle.store;
      await papers.put([aPaper("a"), aPaper("b")]);
      for await (const page of papers.pages(1)) for (const paper of page) paper.sources.push("rss");
      expect(await papers.all()).toEqual([aPaper("a"), aPaper("b")]);
    });
  });

  partPagesCases(handle, {
    method: "indexedPages",
    what: "id, title, abstract and date",
    read: (papers, size) => papers.indexedPages(size),
    part: ({ id, title, abstract, publishedAt }): IndexedPaper => ({
      id,
      title,
      abstract,
      ...dateOf(publishedAt),
    }),
    change: (paper) => void (paper.title = "Changed"),
  });

  describe("papers: bylinesByFamily", () => {
    const bylineOf = ({ id, title, authors, publishedAt }: Paper): PaperByline => ({
      id,
      title,
      authors,
      ...dateOf(publishedAt),
    });
    const lecun = authorFamilies(["Yann LeCun"]);

    it("answers the bylines of the papers with an author of those families, however written, in the order stored", async () => {
      const { papers } = handle.store;
      const stored = [
        aPaper("comma", {
          authors: ["A. Lovelace", "LeCun, Yann"],
          title: 'Équations « non-linéaires » "quoted"',
        }),
        aPaper("other", { authors: ["Geoffrey Hinton"] }),
        { ...dated("spaced", undefined), authors: ["Y. Le Cun"] },
        aPaper("capitals", { authors: ["LECUN Yann", "Zoë Ångström", "Дмитрий Ветров"] }),
        aPaper("none", { authors: [] }),
        aPaper("accented", { authors: ["Zoe Angstrom"] }),
      ];
      await papers.put(stored);
      const [comma, other, spaced, capitals, , accented] = stored.map(bylineOf);
      expect(await papers.bylinesByFamily(lecun)).toEqual([comma, spaced, capitals]);
      expect(await papers.bylinesByFamily(authorFamilies(["Zoë Ångström"]))).toEqual([capitals, accented]);
      expect(await papers.bylinesByFamily(authorFamilies(["Ветров, Д."]))).toEqual([capitals]);
      expect(await papers.bylinesByFamily([...authorFamilies(["G. Hinton"]), ...lecun, ...lecun])).toEqual([
        comma,
        other,
        spaced,
        capitals,
      ]);
    });

    it("answers a replaced paper by its new authors, in its place", async () => {
      const { papers } = handle.store;
      await papers.put([aPaper("a", { authors: ["Yann LeCun"] }), aPaper("b", { authors: ["Yann LeCun"] })]);
      const revised = aPaper("a", { authors: ["Geoffrey Hinton", "Yann LeCun"], title: "Revised" });
      await papers.put([revised, aPaper("b", { authors: ["Geoffrey Hinton"] })]);
      expect((await papers.bylinesByFamily(lecun)).map((byline) => byline.id)).toEqual(["a"]);
      const hinton = await papers.bylinesByFamily(authorFamilies(["Hinton"]));
      expect(hinton).toEqual([bylineOf(revised), bylineOf(aPaper("b", { authors: ["Geoffrey Hinton"] }))]);
    });

    it("answers none for no family or one no paper has, and copies that change nothing stored", async () => {
      const { papers } = handle.store;
      expect(await papers.bylinesByFamily(lecun)).toEqual([]);
      await papers.put([aPaper("a", { authors: ["Yann LeCun"] })]);
      expect(await papers.bylinesByFamily([])).toEqual([]);
      expect(await papers.bylinesByFamily(authorFamilies(["Hinton"]))).toEqual([]);
      for (const byline of await papers.bylinesByFamily(lecun)) byline.authors.push("Someone Else");
      expect(await papers.all()).toEqual([aPaper("a", { authors: ["Yann LeCun"] })]);
    });
  });

  describe("papers: sourceSummary", () => {
    it("an empty store has no source", async () => {
      expect(await handle.store.papers.sourceSummary()).toEqual([]);
    });

    it("counts each paper once per source it lists, with the newest date as stored, compared as instants", async () => {
      const { papers } = handle.store;
      // A source beyond today's four, upper-case: code-unit order puts it before the lower-case ones.
      const zotero = "Zotero" as PaperSource;
      await papers.put([
        dated("both", "2024-03-01T00:00:00Z", ["arxiv", "hf"]),
        dated("hf-offset", "2024-03-05T00:00:00+05:00", ["hf"]),
        dated("hf-later", "2024-03-04T20:00:00.000Z", ["hf"]),
        dated("arxiv-same-instant", "2024-03-01T01:00:00+01:00", ["arxiv"]),
        dated("arxiv-malformed", "2099-99-99", ["arxiv"]),
        dated("rss-undated", undefined, ["rss"]),
        dated("rss-malformed", "yesterday", ["rss"]),
        dated("seed-twice", "2020-01-01T00:00:00.000Z", ["seed", "seed"]),
        dated("zotero", "2024-02-01T00:00:00.000Z", [zotero]),
      ]);
      expect(await papers.sourceSummary()).toEqual([
        { source: "Zotero", papers: 1, newest: "2024-02-01T00:00:00.000Z" },
        { source: "arxiv", papers: 3, newest: "2024-03-01T00:00:00Z" },
        { source: "hf", papers: 3, newest: "2024-03-04T20:00:00.000Z" },
        { source: "rss", papers: 2 },
        { source: "seed", papers: 1, newest: "2020-01-01T00:00:00.000Z" },
      ]);
    });

    it("follows replaced papers' sources and dates", async () => {
      const { papers } = handle.store;
      await papers.put([
        dated("a", "2024-03-09T00:00:00Z", ["hf"]),
        dated("b", "2024-03-01T00:00:00Z", ["hf"]),
      ]);
      await papers.put([dated("a", "unknown", ["hf", "arxiv"])]);
      expect(await papers.sourceSummary()).toEqual([
        { source: "arxiv", papers: 1 },
        { source: "hf", papers: 2, newest: "2024-03-01T00:00:00Z" },
      ]);
    });
  });
}

/**
 * The cases of a paging that answers a part of every paper (`part` of it, as stored), paged as
 * `pages` pages them.
 */
function partPagesCases<T extends { id: string }>(
  handle: StoreHandle,
  pages: {
    method: string;
    what: string;
    read: (papers: PaperRecords, size: number) => AsyncIterable<T[]>;
    part: (paper: Paper) => T;
    /** Changes an answered part in place, as a careless caller might. */
    change: (part: T) => void;
  },
): void {
  const all = async (papers: PaperRecords, size: number): Promise<T[][]> => {
    const answered: T[][] = [];
    for await (const page of pages.read(papers, size)) answered.push(page);
    return answered;
  };

  describe(`papers: ${pages.method}`, () => {
    it(`answers each paper's ${pages.what} as stored, paged as \`pages\` pages them`, async () => {
      const { papers } = handle.store;
      const stored = [
        aPaper("a", {
          title: 'Équations « non-linéaires » \\ "quoted"',
          abstract: "Line one.\nLine two 😀",
          authors: ["Zoë Ångström", "李 雷", "O'Brien, J."],
        }),
        dated("b", undefined),
        dated("c", "2024-03-08T01:00:00+01:00"),
        dated("d", "not a date"),
        aPaper("e", { abstract: "", authors: [] }),
      ];
      await papers.put(stored);
      const revised = aPaper("a", { title: "Revised", abstract: "New.", authors: ["B. Second"] });
      await papers.put([revised]);
      const expected = [revised, ...stored.slice(1)].map(pages.part);
      expect(await all(papers, 2)).toEqual([expected.slice(0, 2), expected.slice(2, 4), expected.slice(4)]);
      expect(await all(papers, 5)).toEqual([expected]);
      const idsOnly = (await all(papers, 3)).map((page) => page.map((part) => part.id));
      expect(idsOnly).toEqual(await pageIds(papers, 3));
    });

    it("an empty store answers no page, and a size that is not a whole number of at least 1 is refused", async () => {
      const { papers } = handle.store;
      expect(await all(papers, 3)).toEqual([]);
      await papers.put([aPaper("a")]);
      await expectBadSizesRefused((size) => all(papers, size));
    });

    it("changing what it answers changes nothing stored", async () => {
      const { papers } = handle.store;
      await papers.put([aPaper("a"), aPaper("b")]);
      for await (const page of pages.read(papers, 1)) for (const part of page) pages.change(part);
      expect(await papers.all()).toEqual([aPaper("a"), aPaper("b")]);
    });
  });
}
