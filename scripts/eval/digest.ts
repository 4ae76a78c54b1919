/**
 * Daily-picks quality on the ICLR 2021 keyword set: does MMR diversify the digest without giving up
 * precision?
 *
 *   npx tsx scripts/eval/digest.ts [--data DIR] [--users N] [--days N] [--seed N]
 *
 * Simulated users state 2–4 author keywords (each carried by ≥ 5 papers) as interests. Each "day"
 * is 150 random papers; every user gets a digest from it. precision@5 is the share of the digest's
 * picks (at most 5) that carry any of the user's keywords; coverage is the share of the user's
 * interests represented in the picks, among the interests that have a relevant paper that day.
 * "plain" is the top 5 by profile score (no threshold, no MMR); "mmr" is the product's pipeline
 * (relevance threshold, then MMR).
 */
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import type { Paper } from "../../src/core/paper.js";
import { CandidatePool } from "../../src/core/recommender/candidate-pool.js";
import { type PickTuning, PICK_TUNING, rankDailyPicks } from "../../src/core/recommender/picks.js";
import { buildProfileModel, type ProfileModel } from "../../src/core/recommender/profile-model.js";
import { VectorCache } from "../../src/core/recommender/vector-cache.js";
import { TfIdfIndex } from "../../src/core/search/tfidf-index.js";
import { MIN_PAPERS_PER_KEYWORD, normaliseKeyword } from "./iclr.js";
import { seededRandom } from "../bench/synthetic-corpus.js";
import { readPaperList } from "./paperlist.js";

export interface DigestQuality {
  precisionAt5: number;
  coverage: number;
  /** Mean number of picks per digest (the threshold sends fewer on quiet days). */
  meanPicks: number;
}

export interface DigestEvaluation {
  mmr: DigestQuality;
  plain: DigestQuality;
  tuning: PickTuning;
}

export interface LabelledPaper {
  id: string;
  title: string;
  abstract: string;
  keywords: string[];
}

const PAPERS_PER_DAY = 150;
const PICKS = 5;
const PLAIN: PickTuning = { threshold: 0, lambda: 1, sameInterest: 0 };

interface SimulatedUser {
  keywords: string[];
  model: ProfileModel;
}

/** Runs the simulation; deterministic for a given seed. */
export function evaluateDigests(
  papers: readonly LabelledPaper[],
  options: { users: number; days: number; seed: number; tuning?: PickTuning },
): DigestEvaluation {
  const tuning = options.tuning ?? PICK_TUNING;
  const random = seededRandom(options.seed);
  const keywordsOf = new Map(
    papers.map((paper) => [paper.id, new Set(paper.keywords.map(normaliseKeyword))]),
  );
  const corpus: Paper[] = papers.map(({ id, title, abstract }) => ({
    id,
    title,
    abstract,
    authors: [],
    sources: [],
  }));
  const index = TfIdfIndex.build(corpus);
  const vectors = new VectorCache(index);
  const users = simulateUsers(frequentKeywords(keywordsOf), options.users, random, vectors);
  const tallies = { mmr: new Tally(), plain: new Tally() };
  for (let day = 0; day < options.days; day++) {
    const pool = CandidatePool.build(sample(corpus, PAPERS_PER_DAY, random), vectors);
    for (const user of users) {
      const request = { model: user.model, sent: [], since: new Date(0), count: PICKS };
      const relevantToday = user.keywords.filter((keyword) =>
        pool.papers.some((paper) => keywordsOf.get(paper.id)?.has(keyword)),
      );
      for (const [variant, variantTuning] of [
        ["mmr", tuning],
        ["plain", PLAIN],
      ] as const) {
        const picked = rankDailyPicks(pool, index, request, variantTuning).map((pick) =>
          keywordsOf.get(pick.paper.id),
        );
        tallies[variant].add(picked, user.keywords, relevantToday);
      }
    }
  }
  return { mmr: tallies.mmr.result(), plain: tallies.plain.result(), tuning };
}

class Tally {
  #precision = 0;
  #precisionDays = 0;
  #coverage = 0;
  #coverageDays = 0;
  #picks = 0;
  #digests = 0;

  add(picked: Array<Set<string> | undefined>, keywords: string[], relevantToday: string[]): void {
    this.#digests++;
    this.#picks += picked.length;
    if (picked.length > 0) {
      this.#precision +=
        picked.filter((carried) => keywords.some((k) => carried?.has(k))).length / picked.length;
      this.#precisionDays++;
    }
    if (relevantToday.length > 0) {
      const represented = relevantToday.filter((k) => picked.some((carried) => carried?.has(k))).length;
      this.#coverage += represented / relevantToday.length;
      this.#coverageDays++;
    }
  }

  result(): DigestQuality {
    return {
      precisionAt5: this.#precision / Math.max(1, this.#precisionDays),
      coverage: this.#coverage / Math.max(1, this.#coverageDays),
      meanPicks: this.#picks / Math.max(1, this.#digests),
    };
  }
}

function frequentKeywords(keywordsOf: Map<string, Set<string>>): string[] {
  const counts = new Map<string, number>();
  for (const keywords of keywordsOf.values()) {
    for (const keyword of keywords) if (keyword) counts.set(keyword, (counts.get(keyword) ?? 0) + 1);
  }
  return [...counts]
    .filter(([, count]) => count >= MIN_PAPERS_PER_KEYWORD)
    .map(([keyword]) => keyword)
    .sort();
}

function simulateUsers(
  keywords: string[],
  count: number,
  random: () => number,
  vectors: VectorCache,
): SimulatedUser[] {
  return Array.from({ length: count }, () => {
    const chosen = sample(keywords, 2 + Math.floor(random() * 3), random);
    const model = buildProfileModel({ interests: chosen, liked: [], disliked: [] }, vectors);
    return { keywords: chosen, model };
  });
}

function sample<T>(items: readonly T[], count: number, random: () => number): T[] {
  const copy = [...items];
  for (let i = 0; i < Math.min(count, copy.length); i++) {
    const j = i + Math.floor(random() * (copy.length - i));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy.slice(0, count);
}

/** Loads the ICLR paper list in the shape evaluateDigests takes. */
export function loadIclrPapers(file: string): LabelledPaper[] {
  return readPaperList(file).map(({ paper, keywords }) => ({
    id: paper.id,
    title: paper.title,
    abstract: paper.abstract,
    keywords,
  }));
}

function formatQuality(name: string, quality: DigestQuality): string {
  return `${name.padEnd(6)} precision@5 ${quality.precisionAt5.toFixed(3)}  coverage ${quality.coverage.toFixed(3)}  picks/digest ${quality.meanPicks.toFixed(2)}`;
}

/** Prints the daily-picks simulation: plain top-5 against the shipped picks (threshold + MMR). */
export function reportDigestQuality(
  papers: readonly LabelledPaper[],
  options: { users: number; days: number; seed: number },
): void {
  const result = evaluateDigests(papers, options);
  console.log(
    `Daily picks on ICLR 2021 (${options.users} users × ${options.days} days of ${PAPERS_PER_DAY} papers, seed ${options.seed})`,
  );
  console.log(`tuning: threshold ${result.tuning.threshold}, λ ${result.tuning.lambda}`);
  console.log(formatQuality("plain", result.plain));
  console.log(formatQuality("mmr", result.mmr));
}

function main(): void {
  const { values } = parseArgs({
    options: {
      data: { type: "string" },
      users: { type: "string", default: "300" },
      days: { type: "string", default: "20" },
      seed: { type: "string", default: "7" },
    },
    strict: true,
  });
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
  const dataDir = path.resolve(values.data ?? path.join(repoRoot, "..", "shared", "eval-data"));
  const papers = loadIclrPapers(path.join(dataDir, "iclr2021-openreview", "paperlist.tsv"));
  reportDigestQuality(papers, {
    users: Number(values.users),
    days: Number(values.days),
    seed: Number(values.seed),
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
