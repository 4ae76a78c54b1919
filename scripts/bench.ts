/**
 * paperboy's benchmark. Each section is a function in scripts/bench/*.ts returning named figures;
 * all are printed, as a table or (with --json) as one JSON object.
 *
 *   npm run bench -- [--papers N | --corpus FILE.tsv] [--queries N] [--no-minisearch] [--json]
 */
import { parseArgs } from "node:util";
import { benchSearch, type Engine } from "./bench/search.js";

const USAGE =
  "Usage: npm run bench -- [--papers N (1-2000000, default 100000) | --corpus FILE.tsv] [--queries N (>=100)] [--no-minisearch] [--json]";

type Section = () => Promise<Record<string, number>>;

async function main(): Promise<number> {
  let values: {
    papers?: string;
    corpus?: string;
    queries?: string;
    json?: boolean;
    "no-minisearch"?: boolean;
  };
  try {
    ({ values } = parseArgs({
      options: {
        papers: { type: "string" },
        corpus: { type: "string" },
        queries: { type: "string" },
        json: { type: "boolean" },
        "no-minisearch": { type: "boolean" },
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
  const engines: Engine[] = values["no-minisearch"] ? ["paperboy"] : ["paperboy", "minisearch"];
  const sections: Record<string, Section> = {
    search: () => benchSearch({ papers, corpus: values.corpus, queries, engines }),
  };
  const figures: Record<string, number> = {};
  for (const [name, section] of Object.entries(sections)) {
    try {
      Object.assign(figures, await section());
    } catch (error) {
      console.error(`bench section ${name} failed: ${(error as Error).message}`);
      return 1;
    }
  }
  if (values.json) console.log(JSON.stringify(figures));
  else for (const [name, value] of Object.entries(figures)) console.log(`${name.padEnd(24)} ${round(value)}`);
  return 0;
}

function round(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

process.exitCode = await main();
