/**
 * paperboy's benchmark. Each section is a function in scripts/bench/*.ts returning named figures;
 * all are printed, as a table or (with --json) as one JSON object.
 *
 *   npm run bench -- [--papers N | --corpus FILE.tsv] [--queries N] [--no-minisearch] [--json]
 *   npm run bench -- --only store,startup [--database-url URL] [--json]
 */
import { parseArgs } from "node:util";
import { benchDigest } from "./bench/digest.js";
import { benchIngest } from "./bench/ingest.js";
import { benchPicks } from "./bench/picks.js";
import { benchSearch, type Engine } from "./bench/search.js";
import { benchStartup } from "./bench/startup.js";
import { benchStore, storeDatabaseUrl } from "./bench/store.js";

const USAGE =
  "Usage: npm run bench -- [--papers N (1-2000000, default 100000) | --corpus FILE.tsv] [--queries N (>=100)] [--no-minisearch] [--only search,ingest,picks,digest,store,startup] [--database-url URL (store, startup; else BENCH_DATABASE_URL or TEST_DATABASE_URL)] [--json]";

type Section = () => Promise<Record<string, number>>;

async function main(): Promise<number> {
  let values: {
    papers?: string;
    corpus?: string;
    queries?: string;
    json?: boolean;
    "no-minisearch"?: boolean;
    only?: string;
    "database-url"?: string;
  };
  try {
    ({ values } = parseArgs({
      options: {
        papers: { type: "string" },
        corpus: { type: "string" },
        queries: { type: "string" },
        json: { type: "boolean" },
        "no-minisearch": { type: "boolean" },
        only: { type: "string" },
        "database-url": { type: "string" },
      },
      strict: true,
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const papers = Number(values.papers ?? 100_000);
  const queries = Number(values.queries ?? 200);
  if (
    !Number.isInteger(papers) ||
    papers < 1 ||
    papers > 2_000_000 ||
    !Number.isInteger(queries) ||
    queries < 100
  ) {
    console.error(`Bad --papers or --queries.\n${USAGE}`);
    return 2;
  }
  const engines: Engine[] = [
    "paperboy",
    "inMemory",
    ...(values["no-minisearch"] ? [] : ["minisearch" as const]),
  ];
  const sections: Record<string, Section> = {
    search: () => benchSearch({ papers, corpus: values.corpus, queries, engines }),
    // The scale figures of the other issues, at their stated sizes.
    ingest: () => benchIngest({ corpusSize: 100_000, newPapers: 1_000 }),
    picks: async () => {
      const { picksMs, cpuMs } = await benchPicks({ subscribers: 10_000, newPapers: 1_000 });
      return { picksMs, picksCpuMs: cpuMs };
    },
    digest: () => benchDigest({ subscribers: 10_000 }),
    store: () => benchStore({ databaseUrl: storeDatabaseUrl(values["database-url"]) }),
    startup: () => benchStartup({ papers, databaseUrl: storeDatabaseUrl(values["database-url"]) }),
  };
  const chosen = values.only?.split(",").map((name) => name.trim()) ?? Object.keys(sections);
  const unknown = chosen.filter((name) => !(name in sections));
  if (unknown.length > 0) {
    console.error(
      `Unknown section ${unknown.join(", ")}: use ${Object.keys(sections).join(", ")}.\n${USAGE}`,
    );
    return 2;
  }
  const figures: Record<string, number> = {};
  for (const [name, section] of Object.entries(sections).filter(([name]) => chosen.includes(name))) {
    try {
      Object.assign(figures, await section());
    } catch (error) {
      console.error(`bench section ${name} failed: ${(error as Error).message}`);
      return 1;
    }
  }
  if (values.json) console.log(JSON.stringify(figures));
  else
    for (const [name, value] of Object.entries(figures))
      console.log(`${name.padEnd(24)} ${round(value).padStart(10)}${target(name)}`);
  return 0;
}

/** The figures the issues set, printed beside what was measured. */
const TARGETS: Record<string, string> = {
  buildMs: "≤ 3000 at 100,000 papers, reading included",
  inMemoryBuildMs: "no slower than before the index let go of paper text (86541b2)",
  findP50Ms: "≤ 2 at 100,000 papers",
  peakRssMb: "≤ 300 at 100,000 papers",
  steadyRssMb: "≤ 250 at 100,000 papers",
  ingestMs: "≤ 2000 (1,000 new into 100,000)",
  picksMs: "≤ 2000 (10,000 subscribers × 1,000 new papers)",
  fanOutMs: "≤ 5000 (10,000 due subscriptions)",
  filesChangeP95Ms10k: "≤ 50 (10,000 users)",
  filesLoopMaxMs10k: "≤ 50 (event loop, 10,000 users)",
  pgChangeP50Ms100k: "≤ 5 (100,000 users)",
  pgFanOutMs: "≤ 5000 (10,000 due digests, two instances)",
  pgFanOutDuplicates: "0",
};

function target(name: string): string {
  const wanted = TARGETS[name];
  return wanted ? `   target ${wanted}` : "";
}

function round(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

process.exitCode = await main();
