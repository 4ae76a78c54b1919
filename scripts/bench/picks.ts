/**
 * Daily picks at scale: every subscriber's pick list for one morning.
 *
 *   npx tsx scripts/bench/picks.ts [--subscribers 10000] [--new-papers 1000]
 *
 * The index holds an older synthetic corpus plus the day's new papers; each subscriber states 2–4
 * interests and has a month of sent history; a fifth of them liked and disliked some of those
 * papers (feedback is given on sent cards). Nothing is cached before the clock starts. The time
 * covers building the day's candidate pool and composing every digest (picks, MMR, explanations
 * and the reply), not building the index or the state.
 */
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import type { Paper } from "../../src/core/paper.js";
import { createDigestComposer } from "../../src/core/recommender/digest.js";
import { TfIdfIndex } from "../../src/core/search/tfidf-index.js";
import type { BotState, Subscription } from "../../src/core/state/types.js";
import { emptyState } from "../../src/core/state/types.js";
import { benchQueries, seededRandom, sourcePapers, syntheticCorpus } from "./synthetic-corpus.js";

const NOW = new Date("2026-06-01T06:00:00Z");
const OLD_PAPERS = 5000;
const DAY_MS = 86_400_000;

export interface PicksBenchOptions {
  subscribers: number;
  newPapers: number;
  /** Real papers whose sentences the synthetic ones re-mix (default: the seed page, plus ICLR when present). */
  corpusPapers?: Paper[];
}

export interface PicksBenchResult {
  /** Wall-clock time of the whole run. */
  picksMs: number;
  /** CPU time this process spent on it: the honest figure when other work shares the machine. */
  cpuMs: number;
  /** Picks chosen across all digests. */
  picked: number;
}

export async function benchPicks(opts: PicksBenchOptions): Promise<PicksBenchResult> {
  const sources = opts.corpusPapers ?? sourcePapers();
  const old = syntheticCorpus(OLD_PAPERS, 1, sources).map((paper) => ({
    ...paper,
    publishedAt: new Date(NOW.getTime() - (30 + Math.floor(Math.random() * 300)) * DAY_MS).toISOString(),
  }));
  const fresh = syntheticCorpus(opts.newPapers, 2, sources).map((paper, i) => ({
    ...paper,
    id: `2606.${String(i).padStart(5, "0")}`,
    publishedAt: new Date(NOW.getTime() - ((i % 48) * DAY_MS) / 24).toISOString(),
  }));
  const papers = [...old, ...fresh];
  const index = TfIdfIndex.build(papers);
  const state = subscriberState(opts.subscribers, old, fresh);
  const compose = createDigestComposer({ index, state: { state }, papers: () => papers });

  const started = performance.now();
  const cpu = process.cpuUsage();
  let picked = 0;
  for (const [key, subscription] of Object.entries(state.subscriptions)) {
    picked += compose(key, subscription, { now: NOW, late: false }).paperIds.length;
  }
  const { user, system } = process.cpuUsage(cpu);
  return {
    picksMs: Math.round(performance.now() - started),
    cpuMs: Math.round((user + system) / 1000),
    picked,
  };
}

/** Papers sent in the past month's digests: what histories and feedback (given on sent cards) draw from. */
const PAST_DIGEST_PAPERS = 600;

function subscriberState(count: number, old: Paper[], fresh: Paper[]): BotState {
  const random = seededRandom(11);
  const phrases = benchQueries(2000, 5);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const pastDigests = old.slice(0, PAST_DIGEST_PAPERS);
  const state = emptyState();
  for (let i = 0; i < count; i++) {
    const key = `telegram:user:${100_000 + i}`;
    const withFeedback = random() < 0.2;
    state.profiles[key] = {
      interests: Array.from({ length: 2 + Math.floor(random() * 3) }, () => pick(phrases)),
      liked: withFeedback ? Array.from({ length: 5 }, () => pick(pastDigests).id) : [],
      disliked: withFeedback ? Array.from({ length: 2 }, () => pick(pastDigests).id) : [],
      updatedAt: NOW.toISOString(),
    };
    state.subscriptions[key] = subscription(String(100_000 + i));
    const history = Array.from({ length: 150 }, () => pick(pastDigests).id);
    state.sent[key] = [...history, ...Array.from({ length: 5 }, () => pick(fresh).id)];
  }
  return state;
}

function subscription(chatId: string): Subscription {
  return {
    time: "08:00",
    timezone: "Europe/Paris",
    days: "daily",
    count: 5,
    quietNote: true,
    chatId,
    ownerId: chatId,
    createdAt: NOW.toISOString(),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      subscribers: { type: "string", default: "10000" },
      "new-papers": { type: "string", default: "1000" },
    },
    strict: true,
  });
  const result = await benchPicks({
    subscribers: Number(values.subscribers),
    newPapers: Number(values["new-papers"]),
  });
  console.log(JSON.stringify(result));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
