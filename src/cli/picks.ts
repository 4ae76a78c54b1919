import { readFile, stat } from "node:fs/promises";
import { parseArgs } from "node:util";
import { completeLibrary } from "../core/library/complete-library.js";
import { MAX_LIBRARY_BYTES } from "../core/library/entry.js";
import { parseLibrary } from "../core/library/parse-library.js";
import type { LibraryPaper } from "../core/records.js";
import type { Paper } from "../core/paper.js";
import { addInterests, MAX_INTERESTS, splitInterests } from "../core/recommender/interests.js";
import { parseCategories } from "../core/paper-categories.js";
import { normaliseFollowName } from "../core/recommender/author-names.js";
import { normaliseMutePhrase } from "../core/recommender/muted-phrases.js";
import { pickBecause, pickReason } from "../core/recommender/pick-cards.js";
import type { PickFilters } from "../core/recommender/pick-filters.js";
import {
  FIRST_WINDOW_DAYS,
  MAX_PICKS,
  MIN_PICKS,
  DEFAULT_PICKS,
  type DailyPick,
} from "../core/recommender/picks.js";
import { buildProfileModel, hasSignal } from "../core/recommender/profile-model.js";
import { picksForTarget } from "../core/recommender/target-picks.js";
import { VectorCache } from "../core/recommender/vector-cache.js";
import { TfIdfIndex } from "../core/search/tfidf-index.js";
import { loadCorpusFile } from "./corpus-file.js";
import { paperReaderOf } from "../core/corpus/paper-reader.js";
import { asksForHelp } from "./help.js";
import { optionWording } from "./option-wording.js";
import { stripControls, terminalJson } from "./terminal-text.js";
import { errorMessage } from "../core/error-message.js";

/** A corpus to pick from: its index, and its papers by id and by date. */
export interface PicksCorpus {
  index: TfIdfIndex;
  get(ids: readonly string[]): Promise<Paper[]>;
  /** Papers published at or after `since`, and undated ones. */
  since(since: Date): Promise<Paper[]>;
}

export interface PicksCommandDeps {
  /** Runs `use` with the stored corpus (when no --corpus is given). */
  withDefaultIndex<T>(use: (corpus: PicksCorpus) => Promise<T>): Promise<T>;
  out(text: string): void;
  err(text: string): void;
  now?: () => Date;
}

export const PICKS_USAGE =
  'Usage: paperboy picks --interests "graph neural networks; few-shot learning" | --library FILE (.bib, .ris, CSL .json, arXiv ids .txt) [--follow "Yann LeCun; Fei-Fei Li"] [--mute "quantum; robotics"] [--categories cs.LG,cs.CL] [--corpus FILE (.tsv, .json, .txt as find reads)] [--limit 1-10] [--days N] [--json]';
const DAY_MS = 86_400_000;
const MAX_DAYS = 3650;

interface PicksRequest {
  interests: string[];
  library?: string;
  corpus?: string;
  filters: PickFilters;
  limit: number;
  days: number;
  json: boolean;
}

/**
 * `paperboy picks --interests "a; b"`: today's picks for ad-hoc interests, from papers of the last
 * `--days` days (default 3; undated papers always count). Exit code 0, 1 when the --corpus or
 * --library file cannot be read, 2 for bad arguments.
 */
export async function runPicks(args: string[], deps: PicksCommandDeps): Promise<number> {
  if (asksForHelp(args)) {
    deps.out(PICKS_USAGE);
    return 0;
  }
  const request = parsePicksArgs(args);
  if (typeof request === "string") {
    deps.err(`${request}\n${PICKS_USAGE}`);
    return 2;
  }
  let corpus: PicksCorpus | undefined;
  try {
    if (request.corpus) corpus = corpusInMemory(await loadCorpusFile(request.corpus));
  } catch (error) {
    deps.err(`Cannot read the corpus: ${errorMessage(error)}\n${PICKS_USAGE}`);
    return 1;
  }
  return corpus
    ? picksWith(corpus, request, deps)
    : deps.withDefaultIndex((stored) => picksWith(stored, request, deps));
}

function corpusInMemory(papers: readonly Paper[]): PicksCorpus {
  return {
    index: TfIdfIndex.build(papers),
    get: paperReaderOf(papers).get,
    since: async (since) =>
      papers.filter((paper) => !paper.publishedAt || !(Date.parse(paper.publishedAt) < since.getTime())),
  };
}

async function picksWith(
  corpus: PicksCorpus,
  request: PicksRequest,
  deps: PicksCommandDeps,
): Promise<number> {
  const { index } = corpus;
  const library = request.library ? await readLibrary(request.library, corpus, deps) : [];
  if (library === undefined) return 1;
  const vectors = new VectorCache(index);
  const model = buildProfileModel(
    { interests: request.interests, liked: [], disliked: [] },
    vectors,
    library,
  );
  const now = deps.now?.() ?? new Date();
  const since = new Date(now.getTime() - request.days * DAY_MS);
  const picks =
    hasSignal(model) || request.filters.follows.length > 0
      ? picksForTarget(index, vectors, await corpus.since(since), {
          model,
          sent: [],
          since,
          count: request.limit,
          filters: request.filters,
        })
      : [];
  deps.out(request.json ? terminalJson(picks.map(pickJson), 2) : describePicks(picks, request.days));
  return 0;
}

/** The library file's papers, completed from the corpus (the CLI asks no one else); undefined when unreadable. */
async function readLibrary(
  file: string,
  corpus: PicksCorpus,
  deps: PicksCommandDeps,
): Promise<LibraryPaper[] | undefined> {
  let text: string;
  try {
    const { size } = await stat(file);
    if (size > MAX_LIBRARY_BYTES) {
      deps.err(`--library: ${file} is ${(size / 1048576).toFixed(1)} MB; the limit is 2 MB.`);
      return undefined;
    }
    text = await readFile(file, "utf8");
  } catch (error) {
    deps.err(`--library: cannot read ${file}: ${errorMessage(error)}`);
    return undefined;
  }
  const parsed = parseLibrary(text);
  if ("error" in parsed) {
    deps.err(`--library: ${parsed.error}`);
    return undefined;
  }
  const completed = await completeLibrary(parsed.entries, (ids) => corpus.get(ids), undefined);
  const skipped = parsed.skipped.length + completed.unknownIds.length;
  if (skipped > 0) deps.err(`--library: read ${completed.papers.length} papers, skipped ${skipped}.`);
  return completed.papers;
}

function parsePicksArgs(args: string[]): PicksRequest | string {
  let values: {
    interests?: string;
    library?: string;
    corpus?: string;
    follow?: string;
    mute?: string;
    categories?: string;
    limit?: string;
    days?: string;
    json?: boolean;
  };
  try {
    const parsed = parseArgs({
      args,
      options: {
        interests: { type: "string" },
        library: { type: "string" },
        corpus: { type: "string" },
        follow: { type: "string" },
        mute: { type: "string" },
        categories: { type: "string" },
        limit: { type: "string" },
        days: { type: "string" },
        json: { type: "boolean" },
      },
      strict: true,
      allowPositionals: false,
    });
    values = parsed.values;
  } catch (error) {
    return errorMessage(error);
  }
  const interests = parseInterests(values.interests);
  if (typeof interests === "string") return interests;
  const filters = parseFilters(values);
  if (typeof filters === "string") return filters;
  for (const option of ["library", "corpus"] as const) {
    if (values[option] !== undefined && values[option].trim() === "") return `--${option} needs a file name.`;
  }
  if (interests.length === 0 && values.library === undefined && filters.follows.length === 0)
    return "Give at least one interest with --interests (separated by ;), or a library with --library FILE.";
  const limit = wholeNumber(values.limit, DEFAULT_PICKS);
  if (limit === undefined || limit < MIN_PICKS || limit > MAX_PICKS) {
    return `--limit is a whole number from ${MIN_PICKS} to ${MAX_PICKS}.`;
  }
  const days = wholeNumber(values.days, FIRST_WINDOW_DAYS);
  if (days === undefined || days < 1 || days > MAX_DAYS)
    return `--days is a whole number from 1 to ${MAX_DAYS}.`;
  return {
    interests,
    ...(values.library === undefined ? {} : { library: values.library }),
    ...(values.corpus === undefined ? {} : { corpus: values.corpus }),
    filters,
    limit,
    days,
    json: values.json === true,
  };
}

/**
 * `--interests "a; b"`, checked as `/interests add` checks them. Given but empty (`--interests ""`,
 * as an unset shell variable gives) is a mistake, not "no interests".
 */
function parseInterests(text: string | undefined): string[] | string {
  if (text === undefined) return [];
  const phrases = splitInterests(text);
  if (phrases.length === 0) return "--interests needs at least one interest (separate several with ;).";
  for (const phrase of phrases) {
    const alone = addInterests([], [phrase]);
    if (!alone.ok) return `--interests: ${optionWording(alone.message)}`;
  }
  // Every phrase is valid on its own, so only the count can fail; the chat's wording of that speaks
  // of a stored list to remove from, which the command line does not have.
  const outcome = addInterests([], phrases);
  if (!outcome.ok)
    return `--interests takes at most ${MAX_INTERESTS} interests; ${phrases.length} were given.`;
  return outcome.interests;
}

/** `--follow "A; B"`, `--mute "x; y"`, `--categories cs.LG,cs.CL`, checked as the chat commands check them. */
function parseFilters(values: { follow?: string; mute?: string; categories?: string }): PickFilters | string {
  for (const [option, what] of [
    ["follow", "an author name"],
    ["mute", "a word or phrase"],
  ] as const) {
    if (values[option] !== undefined && splitList(values[option]).length === 0)
      return `--${option} needs ${what} (separate several with ;).`;
  }
  const follows: string[] = [];
  for (const text of splitList(values.follow)) {
    const parsed = normaliseFollowName(text);
    if ("error" in parsed) return `--follow: ${optionWording(parsed.error)}`;
    follows.push(parsed.name);
  }
  const mutes: string[] = [];
  for (const text of splitList(values.mute)) {
    const parsed = normaliseMutePhrase(text);
    if ("error" in parsed) return `--mute: ${optionWording(parsed.error)}`;
    mutes.push(parsed.phrase);
  }
  let categories: string[] = [];
  if (values.categories !== undefined) {
    const parsed = parseCategories(values.categories.replace(/,/g, " "));
    if ("error" in parsed) return `--categories: ${optionWording(parsed.error)}`;
    if ("categories" in parsed) categories = parsed.categories;
  }
  return { follows, mutes, categories };
}

function splitList(text: string | undefined): string[] {
  return (text ?? "")
    .split(";")
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

function wholeNumber(text: string | undefined, fallback: number): number | undefined {
  if (text === undefined) return fallback;
  return /^\d{1,6}$/.test(text.trim()) ? Number(text) : undefined;
}

function pickJson(pick: DailyPick) {
  return {
    id: pick.paper.id,
    title: pick.paper.title,
    score: Math.round(pick.score * 10_000) / 10_000,
    ...pickBecause(pick),
    interest: pick.interest ?? null,
    terms: pick.terms,
  };
}

function describePicks(picks: DailyPick[], days: number): string {
  if (picks.length === 0)
    return `No paper of the last ${days} day${days === 1 ? "" : "s"} matched these interests.`;
  return picks
    .map((pick, i) => {
      const terms = pick.terms.length > 0 ? ` · terms: ${pick.terms.join(", ")}` : "";
      const title = stripControls(pick.paper.title);
      return `${i + 1}. ${title}  (score ${pick.score.toFixed(3)})\n   ${stripControls(pick.paper.id)} · ${pickReason(pick)}${terms}`;
    })
    .join("\n");
}
