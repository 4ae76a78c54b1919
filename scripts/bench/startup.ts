/**
 * What an instance takes to start at `--papers` stored papers (100,000 by default): opening the
 * app (the store opened, the index built from it, the recent papers read) on the files store and
 * on Postgres, each in a child process of its own, compiled as the product runs in production (see
 * compileChild).
 *
 *   npm run bench -- --only startup [--database-url postgres://postgres@127.0.0.1:5432/test] [--json]
 *
 * The papers are the search section's synthetic ones, each with four authors, a link and a
 * category besides, as stored papers have. Each store is opened twice and the second opening
 * measured: a restart, as an instance that has run before starts.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { openApp } from "../../src/app/open-app.js";
import { papersByName } from "../../src/core/commands/follow.js";
import { silentLogger } from "../../src/core/log.js";
import type { Paper } from "../../src/core/paper.js";
import type { Store } from "../../src/core/store/port.js";
import { openFileStore } from "../../src/storage/files/open-file-store.js";
import { compileChild } from "./compiled-child.js";
import { settle } from "./settle.js";
import { openBenchStore, withBenchSchema } from "./store-postgres.js";
import { sourcePapers, syntheticPapers } from "./synthetic-corpus.js";

/** Papers stored per call while seeding: a bounded share of them in memory at a time. */
const SEED_BATCH = 10_000;
const thisFile = fileURLToPath(import.meta.url);

interface StartupFigures {
  startupMs: number;
  startupCpuMs: number;
  /** Highest resident memory of the process, starting included. */
  peakRssMb: number;
  /** Resident memory once started, after a garbage collection: what an idle instance keeps. */
  steadyRssMb: number;
  /** Finding the papers of a followed name once started, as `/follow` does (see FOLLOWED). */
  followMs: number;
  followPapers: number;
}

export async function benchStartup(opts: {
  papers: number;
  databaseUrl: string | undefined;
}): Promise<Record<string, number>> {
  const figures: Record<string, number> = {};
  const child = compileChild(thisFile);
  try {
    const dataDir = await mkdtemp(path.join(tmpdir(), "paperboy-startup-"));
    try {
      await seed(await openFileStore(dataDir, { log: silentLogger }), opts.papers);
      addFigures(figures, "files", await restart(child.script, dataDir));
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
    const url = opts.databaseUrl;
    if (!url) {
      console.error(
        "startup: Postgres left out: pass --database-url (or set BENCH_DATABASE_URL or TEST_DATABASE_URL).",
      );
      return figures;
    }
    await withBenchSchema(url, async (schema) => {
      await seed(await openBenchStore(url, schema), opts.papers);
      addFigures(figures, "pg", await restart(child.script, "", inSchema(url, schema)));
    });
  } finally {
    child.remove();
  }
  return figures;
}

async function seed(store: Store, count: number): Promise<void> {
  try {
    let batch: Paper[] = [];
    let index = 0;
    for (const paper of syntheticPapers(count, 42, sourcePapers())) {
      batch.push(withByline(paper, index++));
      if (batch.length === SEED_BATCH) {
        await store.papers.put(batch);
        batch = [];
      }
    }
    await store.papers.put(batch);
  } finally {
    await store.close();
  }
}

/** Distinct given and family names, of letters only (name matching ignores digits). */
const GIVEN_NAMES = 5_000;
const FAMILY_NAMES = 9_000;
/**
 * The first author of paper 152, whose family name 68 of 100,000 papers have and whose whole
 * name 7 do (see withByline): what `/follow` reads and counts.
 */
const FOLLOWED = `${letters(1064)} ${letters(456)}`;

/** The paper with what stored papers carry besides their text: authors, a link, a category. */
function withByline(paper: Paper, index: number): Paper {
  const authors = Array.from(
    { length: 4 },
    (_, k) => `${letters((index * 7 + k * 13) % GIVEN_NAMES)} ${letters((index * 3 + k) % FAMILY_NAMES)}`,
  );
  return { ...paper, authors, url: `https://arxiv.org/abs/${paper.id}`, categories: ["cs.LG"] };
}

/** A name made of `n`'s syllables: 0 → "Ba", 21 → "Bebi". */
function letters(n: number): string {
  const consonants = "bdfgklmnprstvz";
  const vowels = "aeiou";
  let name = "";
  let rest = n;
  do {
    const syllable = rest % (consonants.length * vowels.length);
    name += `${consonants[Math.floor(syllable / vowels.length)]}${vowels[syllable % vowels.length]}`;
    rest = Math.floor(rest / (consonants.length * vowels.length));
  } while (rest > 0);
  return `${name[0]?.toUpperCase()}${name.slice(1)}`;
}

/** The database URL with every connection's search path set to `schema` (pg honours the URL's options). */
function inSchema(url: string, schema: string): string {
  const options = encodeURIComponent(`-c search_path=${schema}`);
  return `${url}${url.includes("?") ? "&" : "?"}options=${options}`;
}

function addFigures(figures: Record<string, number>, store: string, measured: StartupFigures): void {
  for (const [name, value] of Object.entries(measured)) {
    figures[`${store}${name[0]?.toUpperCase()}${name.slice(1)}`] = value;
  }
}

/** The figures of the second of two openings of the same store. */
async function restart(script: string, dataDir: string, databaseUrl = ""): Promise<StartupFigures> {
  await runChild(script, dataDir, databaseUrl);
  return runChild(script, dataDir, databaseUrl);
}

async function runChild(script: string, dataDir: string, databaseUrl: string): Promise<StartupFigures> {
  // --expose-gc: the steady figure is taken after a collection, as an idle instance settles.
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["--expose-gc", script, dataDir, databaseUrl],
    { maxBuffer: 1 << 20 },
  );
  return JSON.parse(stdout) as StartupFigures;
}

/** In the child: opens the app on the store named, as `npm start` does, and measures it. */
async function measure(dataDir: string, databaseUrl: string): Promise<StartupFigures> {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const app = await openApp({ dataDir, databaseUrl: databaseUrl || undefined }, silentLogger);
  const startupMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  await settle();
  const steadyRssMb = process.memoryUsage.rss() / 1_048_576;
  const following = performance.now();
  const followPapers = (await papersByName(FOLLOWED, app.papers)).length;
  const followMs = performance.now() - following;
  await app.close();
  const startupCpuMs = (cpu.user + cpu.system) / 1000;
  return { startupMs, startupCpuMs, peakRssMb, steadyRssMb, followMs, followPapers };
}

if (process.argv[1] === thisFile) {
  const [dataDir, databaseUrl] = process.argv.slice(2);
  process.stdout.write(JSON.stringify(await measure(dataDir ?? "", databaseUrl ?? "")));
}
