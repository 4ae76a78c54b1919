import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseHfPapersPage } from "../../src/core/corpus/hf-page.js";
import type { Paper } from "../../src/core/paper.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const SEED_PAGE = path.join(repoRoot, "data", "hf-papers-page.txt");
const ICLR_LIST = path.resolve(repoRoot, "..", "shared", "eval-data", "iclr2021-openreview", "paperlist.tsv");
const SYLLABLES = "ka lo mi ne ra tu ze vi so pa xe qu bri dan fel gor hul jin kor lum".split(" ");
const DAY_MS = 86_400_000;

/** Deterministic 32-bit PRNG (mulberry32): the same seed gives the same corpus on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Real papers to re-mix: the bundled seed page, plus the ICLR 2021 abstracts when ../shared is present. */
export function sourcePapers(): Paper[] {
  const papers = parseHfPapersPage(readFileSync(SEED_PAGE, "utf8"));
  if (existsSync(ICLR_LIST)) {
    for (const line of readFileSync(ICLR_LIST, "utf8").split("\n").slice(1)) {
      const [id, title, , , abstract] = line.split("\t");
      if (id && title && abstract) papers.push({ id, title, abstract, authors: [], sources: [] });
    }
  }
  return papers;
}

/**
 * `count` papers whose titles and abstracts re-mix sentences of real ones, with made-up model names
 * sprinkled in so the vocabulary keeps growing with the corpus as a real one does.
 */
export function syntheticCorpus(count: number, seed = 42, sources: Paper[] = sourcePapers()): Paper[] {
  return [...syntheticPapers(count, seed, sources)];
}

/** The papers of `syntheticCorpus`, made one at a time (a corpus read page by page holds none of them all). */
export function* syntheticPapers(
  count: number,
  seed = 42,
  sources: Paper[] = sourcePapers(),
): Generator<Paper> {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const sentences = sources.flatMap((paper) => paper.abstract.split(/(?<=\.)\s+/));
  const titles = sources.map((paper) => paper.title);
  const coin = () =>
    pick(SYLLABLES) +
    pick(SYLLABLES) +
    pick(SYLLABLES) +
    (random() < 0.3 ? `-${1 + Math.floor(random() * 70)}B` : "");
  const start = Date.UTC(2024, 0, 1);
  for (let i = 0; i < count; i++) {
    const name = coin();
    const parts = Array.from({ length: 4 + Math.floor(random() * 6) }, () => pick(sentences));
    parts.splice(Math.floor(random() * parts.length), 0, `We call it ${name}.`);
    const id = `${2400 + Math.floor(i / 99_999)}.${String(i % 99_999).padStart(5, "0")}`;
    yield {
      id,
      title: random() < 0.3 ? `${name}: ${pick(titles)}` : pick(titles),
      abstract: parts.join(" "),
      authors: [],
      publishedAt: new Date(start + Math.floor(random() * 600) * DAY_MS).toISOString(),
      sources: ["arxiv"],
    };
  }
}

/** At least `count` varied queries: topic phrases cut from real titles, and interests stated in full. */
export function benchQueries(count: number, seed = 7, sources: Paper[] = sourcePapers()): string[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const phrasings = [
    (t: string) => t,
    (t: string) => `I am interested in ${t}`,
    (t: string) => `papers about ${t}`,
  ];
  return Array.from({ length: count }, () => {
    const words = pick(sources)
      .title.split(/\s+/)
      .filter((w) => w.length > 2);
    const length = 1 + Math.floor(random() * 3);
    const from = Math.floor(random() * Math.max(1, words.length - length));
    return pick(phrasings)(words.slice(from, from + length).join(" ") || "learning");
  });
}
