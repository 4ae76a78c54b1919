/**
 * Imported libraries on the ICLR 2021 keyword set: how well does a user's library alone, and a
 * library beside a stated keyword, rank the rest of the user's papers?
 *
 *   npx tsx scripts/eval/library.ts [--data DIR] [--min-papers N] [--seeds 1,2,3]
 *
 * A simulated user is a keyword carried by at least `minPapers` papers. For each library size, a
 * library of that many of the keyword's papers is drawn (seeded); every other paper is ranked by
 * the product's daily ranking (buildProfileModel → CandidatePool → rankDailyPicks, plain: no
 * threshold, no MMR) and scored with nDCG@10 against the keyword's remaining papers. The library
 * papers are left out of the candidates and of the relevant set for all three profiles:
 *   stated  — the keyword as the one stated interest (as the daily-picks simulation states them);
 *   library — no stated interest, the library only;
 *   both    — the keyword and the library.
 * The stated column is the daily ranking, not index.search (which adds pseudo-relevance feedback):
 * on all 286 keywords with nothing held out they score 0.4387 and 0.4407.
 *
 * LIBRARY_WEIGHT is why the library weighs less beside stated interests than alone: weighed as much
 * as the keyword, "both" fell below the keyword alone (−0.012 with 3 papers, −0.001 with 10); at a
 * quarter it beats it (+0.002, +0.004). Alone it keeps the full weight: at a quarter a library-only
 * profile scores under PICK_TUNING's threshold and gets 0.2 picks a day instead of 5, which this
 * plain ranking cannot see.
 */
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import type { Paper } from "../../src/core/paper.js";
import { CandidatePool } from "../../src/core/recommender/candidate-pool.js";
import { type PickTuning, rankDailyPicks } from "../../src/core/recommender/picks.js";
import { buildProfileModel, type ProfileSignals } from "../../src/core/recommender/profile-model.js";
import { VectorCache } from "../../src/core/recommender/vector-cache.js";
import type { LibraryPaper } from "../../src/core/records.js";
import { TfIdfIndex } from "../../src/core/search/tfidf-index.js";
import { seededRandom } from "../bench/synthetic-corpus.js";
import { keywordQueries } from "./iclr.js";
import { scoreRanking } from "./metrics.js";
import { type ListedPaper, readPaperList } from "./paperlist.js";

export interface LibraryProtocol {
  /** A keyword needs this many papers to be a user: a library of the largest size leaves the rest to rank. */
  minPapers: number;
  /** Library sizes, each drawn afresh from the keyword's papers. */
  sizes: readonly number[];
  /** One draw of every library per seed; figures are means over users and seeds. */
  seeds: readonly number[];
}

/**
 * At least 20 papers (54 keywords): a library of 10 leaves at least 10 to find, so a perfect top 10
 * scores 1. Ten seeds: library/stated at 10 papers ranges 0.76–0.87 between single seeds, and the
 * mean of ten moves by about 0.01; the whole run takes a few seconds.
 */
export const LIBRARY_PROTOCOL: LibraryProtocol = {
  minPapers: 20,
  sizes: [3, 10],
  seeds: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
};

/** What the library should reach: alone, this share of the stated keyword's nDCG@10 with `size` papers. */
export const LIBRARY_TARGETS = { libraryShare: 0.8, size: 10 } as const;

/** Mean nDCG@10 of the three profiles at one library size. */
export interface LibraryRow {
  size: number;
  stated: number;
  library: number;
  both: number;
}

export interface LibraryEvaluation {
  protocol: LibraryProtocol;
  users: number;
  papers: number;
  rows: LibraryRow[];
  /** library / stated at LIBRARY_TARGETS.size (NaN when that size was not measured). */
  libraryShare: number;
  /** Whether the library alone reaches LIBRARY_TARGETS.libraryShare of the stated keyword. */
  libraryMet: boolean;
  /** Whether both together reach the stated keyword alone, at every size. */
  bothMet: boolean;
}

/** Ranked by score alone, as nDCG needs: no relevance threshold, no MMR (digest.ts's "plain"). */
const PLAIN: PickTuning = { threshold: 0, lambda: 1, sameInterest: 0 };
const DEPTH = 10;
const NO_SIGNALS: ProfileSignals = { interests: [], liked: [], disliked: [] };

/** Runs the simulation over the listed papers; deterministic for a given protocol. */
export function evaluateLibraries(
  listed: readonly ListedPaper[],
  protocol: LibraryProtocol = LIBRARY_PROTOCOL,
): LibraryEvaluation {
  const papers = listed.map((l) => l.paper);
  const index = TfIdfIndex.build(papers);
  const vectors = new VectorCache(index);
  const pool = CandidatePool.build(papers, vectors);
  const users = keywordQueries(listed).filter((q) => q.relevant.size >= protocol.minPapers);
  const rows = protocol.sizes.map((size) => {
    const sums = { stated: 0, library: 0, both: 0 };
    for (const seed of protocol.seeds) {
      const random = seededRandom(seed * 1_000 + size);
      for (const user of users) {
        // The keyword's papers in file order, which is the newest-first order a library would have.
        const carried = papers.filter((paper) => user.relevant.has(paper.id));
        const drawn = new Set(sample(carried, size, random).map((paper) => paper.id));
        const library = carried.filter((paper) => drawn.has(paper.id)).map(toLibraryPaper);
        const rest = new Set([...user.relevant].filter((id) => !drawn.has(id)));
        const stated = { ...NO_SIGNALS, interests: [user.query] };
        const rank = (signals: ProfileSignals, withLibrary: boolean): number => {
          const model = buildProfileModel(signals, vectors, withLibrary ? library : []);
          const request = { model, sent: [...drawn], since: new Date(0), count: DEPTH };
          const picks = rankDailyPicks(pool, index, request, PLAIN);
          return scoreRanking(
            picks.map((pick) => pick.paper.id),
            rest,
          ).ndcg10;
        };
        sums.stated += rank(stated, false);
        sums.library += rank(NO_SIGNALS, true);
        sums.both += rank(stated, true);
      }
    }
    const runs = Math.max(1, users.length * protocol.seeds.length);
    return { size, stated: sums.stated / runs, library: sums.library / runs, both: sums.both / runs };
  });
  const target = rows.find((row) => row.size === LIBRARY_TARGETS.size);
  const libraryShare = target ? target.library / target.stated : Number.NaN;
  return {
    protocol,
    users: users.length,
    papers: pool.size,
    rows,
    libraryShare,
    libraryMet: libraryShare >= LIBRARY_TARGETS.libraryShare,
    bothMet: rows.length > 0 && rows.every((row) => row.both >= row.stated),
  };
}

/** An ICLR paper as an imported entry: its id stands for the arXiv id, so its indexed vector is used. */
function toLibraryPaper(paper: Paper): LibraryPaper {
  return { title: paper.title, abstract: paper.abstract, authors: paper.authors, arxivId: paper.id };
}

/** `count` distinct items drawn uniformly (a partial Fisher–Yates shuffle of a copy). */
function sample<T>(items: readonly T[], count: number, random: () => number): T[] {
  const copy = [...items];
  const n = Math.min(count, copy.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(random() * (copy.length - i));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy.slice(0, n);
}

/** The simulation as printed lines: a table of mean nDCG@10, then the targets. */
export function formatLibraryEvaluation(result: LibraryEvaluation): string[] {
  const { protocol } = result;
  const f = (x: number) => x.toFixed(4);
  const met = (yes: boolean) => (yes ? "met" : "NOT met");
  const lines = [
    `Imported libraries on ICLR 2021 (${result.users} keywords with ≥ ${protocol.minPapers} papers as users, ` +
      `${result.papers} papers, seeds ${protocol.seeds.join(",")}): nDCG@10 on the keyword's other papers`,
    "library    stated keyword  library only  both    library/stated",
  ];
  for (const row of result.rows) {
    lines.push(
      `${`${row.size} papers`.padEnd(11)}${f(row.stated).padEnd(16)}${f(row.library).padEnd(14)}` +
        `${f(row.both).padEnd(8)}${(row.library / row.stated).toFixed(2)}`,
    );
  }
  const margins = result.rows.map((row) => `${signed(row.both - row.stated)} with ${row.size}`).join(", ");
  lines.push(
    `targets: library only ≥ ${LIBRARY_TARGETS.libraryShare} × stated with ${LIBRARY_TARGETS.size} papers ` +
      `(${result.libraryShare.toFixed(2)}×) ${met(result.libraryMet)}; ` +
      `both ≥ stated (${margins}) ${met(result.bothMet)}`,
  );
  return lines;
}

function signed(x: number): string {
  return `${x < 0 ? "−" : "+"}${Math.abs(x).toFixed(4)}`;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      data: { type: "string" },
      "min-papers": { type: "string", default: String(LIBRARY_PROTOCOL.minPapers) },
      seeds: { type: "string", default: LIBRARY_PROTOCOL.seeds.join(",") },
    },
    strict: true,
  });
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
  const dataDir = path.resolve(values.data ?? path.join(repoRoot, "..", "shared", "eval-data"));
  const listed = readPaperList(path.join(dataDir, "iclr2021-openreview", "paperlist.tsv"));
  const result = evaluateLibraries(listed, {
    ...LIBRARY_PROTOCOL,
    minPapers: Number(values["min-papers"]),
    seeds: values.seeds.split(",").map(Number),
  });
  formatLibraryEvaluation(result).forEach((line) => console.log(line));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
