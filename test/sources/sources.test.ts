import { afterEach, describe, expect, it } from "vitest";
import { ArxivApiSource } from "../../src/sources/arxiv-api-source.js";
import { ArxivRssSource } from "../../src/sources/arxiv-rss-source.js";
import { createPaperSources } from "../../src/sources/create.js";
import { ArxivApiError, MalformedPayloadError } from "../../src/sources/errors.js";
import { HfDailyPapersSource } from "../../src/sources/hf-source.js";
import { HttpClient } from "../../src/sources/http.js";
import {
  fixture,
  jsonHeaders,
  recordingLogger,
  startFakeSourceServer,
  xmlHeaders,
  type FakeRoute,
  type FakeSourceServer,
} from "./helpers/fake-source-server.js";

let server: FakeSourceServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(routes: Record<string, FakeRoute>): Promise<{ root: string; http: HttpClient }> {
  server = await startFakeSourceServer(routes);
  const http = new HttpClient({
    log: recordingLogger().log,
    retries: 1,
    minBackoffMs: 1,
    maxBackoffMs: 2,
    spacingMs: 5,
  });
  return { root: server.url, http };
}

describe("HfDailyPapersSource", () => {
  it("asks for the given day and returns its papers", async () => {
    const { root, http } = await serve({
      "/api/daily_papers": { headers: jsonHeaders, body: fixture("hf-daily-papers.sample.json") },
    });
    const papers = await new HfDailyPapersSource({ apiRoot: root, http }).fetch({
      date: "2024-10-25",
      categories: [],
    });

    expect(papers.map((paper) => paper.upvotes)).toEqual([64, 41, 37]);
    expect(server?.requests[0]?.query.get("date")).toBe("2024-10-25");
  });

  it("keeps a path prefix of the configured root, for mirrors", async () => {
    const { root, http } = await serve({ "/mirror/hf/api/daily_papers": { body: "[]" } });
    await expect(
      new HfDailyPapersSource({ apiRoot: `${root}/mirror/hf/`, http }).fetch({ categories: [] }),
    ).resolves.toEqual([]);
  });

  it("refuses malformed JSON with a message naming the source", async () => {
    const truncated = fixture("hf-daily-papers.sample.json").slice(0, 5_000);
    const { root, http } = await serve({ "/api/daily_papers": { headers: jsonHeaders, body: truncated } });

    const fetching = new HfDailyPapersSource({ apiRoot: root, http }).fetch({ categories: [] });
    await expect(fetching).rejects.toThrow(MalformedPayloadError);
    await expect(fetching).rejects.toThrow(/Hugging Face daily papers answer is not valid JSON/);
  });
});

describe("ArxivApiSource", () => {
  it("queries by categories and the day's submission window", async () => {
    const { root, http } = await serve({
      "/api/query": { headers: xmlHeaders, body: fixture("arxiv-api.legacy-2016.sample.atom.xml") },
    });
    const papers = await new ArxivApiSource({ apiRoot: root, http }).fetch({
      date: "2024-10-25",
      categories: ["cs.LG", "cs.CL"],
    });

    expect(papers.map((paper) => paper.id)).toEqual(["cond-mat/0603029"]);
    const query = server?.requests[0]?.query;
    expect(query?.get("search_query")).toBe(
      "(cat:cs.LG OR cat:cs.CL) AND submittedDate:[202410250000 TO 202410252359]",
    );
    expect(query?.get("start")).toBe("0");
  });

  it("looks papers up by id, a hundred per call", async () => {
    const { root, http } = await serve({
      "/api/query": { headers: xmlHeaders, body: fixture("arxiv-api.legacy-2016.sample.atom.xml") },
    });
    const ids = Array.from({ length: 150 }, (_, i) => `2410.${String(i).padStart(5, "0")}`);
    const papers = await new ArxivApiSource({ apiRoot: root, http }).byIds(ids);

    expect(papers.map((paper) => paper.id)).toEqual(["cond-mat/0603029", "cond-mat/0603029"]);
    const lists = server?.requests.map((request) => request.query.get("id_list")?.split(",").length);
    expect(lists).toEqual([100, 50]);
    expect(server?.requests[0]?.query.get("search_query")).toBeNull();
  });

  it("without a date, asks for the last 24 hours", async () => {
    const { root, http } = await serve({
      "/api/query": { body: fixture("arxiv-api.empty.sample.atom.xml") },
    });
    const now = () => new Date("2024-10-25T05:30:00Z");
    await new ArxivApiSource({ apiRoot: root, http, now }).fetch({ categories: ["cs.LG"] });

    expect(server?.requests[0]?.query.get("search_query")).toBe(
      "(cat:cs.LG) AND submittedDate:[202410240530 TO 202410250530]",
    );
  });

  it("pages through the feed up to the most it may fetch", async () => {
    const { root, http } = await serve({ "/api/query": { body: fixture("arxiv-api.sample.atom.xml") } });
    const papers = await new ArxivApiSource({ apiRoot: root, http, pageSize: 10, maxResults: 25 }).fetch({
      categories: ["cs.SE"],
    });

    const pages = server?.requests.map((request) => [
      request.query.get("start"),
      request.query.get("max_results"),
    ]);
    expect(pages).toEqual([
      ["0", "10"],
      ["10", "10"],
      ["20", "5"],
    ]);
    expect(papers).toHaveLength(30);
  });

  it("stops paging once the feed's total is reached", async () => {
    const { root, http } = await serve({
      "/api/query": { body: fixture("arxiv-api.id-list.sample.atom.xml") },
    });
    await new ArxivApiSource({ apiRoot: root, http, pageSize: 1 }).fetch({ categories: ["math.CO"] });
    expect(server?.requests).toHaveLength(1);
  });

  it("turns the error feed of an HTTP 400 into arXiv's own reason, without retrying", async () => {
    const { root, http } = await serve({
      "/api/query": {
        status: 400,
        headers: xmlHeaders,
        body: fixture("arxiv-api.error-400.sample.atom.xml"),
      },
    });

    const error = await new ArxivApiSource({ apiRoot: root, http })
      .fetch({ categories: ["cs.LG"] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ArxivApiError);
    expect(error).toMatchObject({
      name: "ArxivApiError",
      message: "the arXiv API refused the query: incorrect id format for abc",
    });
    expect((error as Error).cause).toMatchObject({ name: "HttpError", status: 400 });
    expect(server?.requests).toHaveLength(1);
  });

  it("refuses to query without a category", async () => {
    const { root, http } = await serve({});
    await expect(new ArxivApiSource({ apiRoot: root, http }).fetch({ categories: [] })).rejects.toThrow(
      /at least one category/,
    );
    expect(server?.requests).toHaveLength(0);
  });
});

describe("ArxivRssSource", () => {
  it("fetches the listing of the joined categories", async () => {
    const { root, http } = await serve({ "/rss/cs.LG+cs.CL": { body: fixture("arxiv-rss.sample.xml") } });
    const papers = await new ArxivRssSource({ rssRoot: root, http }).fetch({
      categories: ["cs.LG", "cs.CL"],
    });
    expect(papers).toHaveLength(4);
  });

  it("refuses malformed XML", async () => {
    const { root, http } = await serve({
      "/rss/cs.LG": { body: fixture("arxiv-rss.sample.xml").slice(0, 3_000) },
    });
    await expect(
      new ArxivRssSource({ rssRoot: root, http }).fetch({ categories: ["cs.LG"] }),
    ).rejects.toThrow(/The arXiv RSS feed is not well-formed XML/);
  });
});

describe("createPaperSources", () => {
  it("builds the three sources from their configured roots", async () => {
    server = await startFakeSourceServer({
      "/hf/api/daily_papers": { body: fixture("hf-daily-papers.sample.json") },
      "/arxiv/api/query": { body: fixture("arxiv-api.id-list.sample.atom.xml") },
      "/rss/rss/cs.LG": { body: fixture("arxiv-rss.sample.xml") },
    });
    const sources = createPaperSources({
      hfApiRoot: `${server.url}/hf`,
      arxivApiRoot: `${server.url}/arxiv`,
      arxivRssRoot: `${server.url}/rss`,
      log: recordingLogger().log,
      arxivSpacingMs: 5,
    });
    const counts = await Promise.all(
      Object.values(sources).map(async (source) => [
        source.name,
        (await source.fetch({ categories: ["cs.LG"] })).length,
      ]),
    );
    expect(counts).toEqual([
      ["hf", 3],
      ["arxiv", 1],
      ["rss", 4],
    ]);
  });
});
