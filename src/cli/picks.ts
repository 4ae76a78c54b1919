import { parseArgs } from "node:util";
import { addInterests, splitInterests } from "../core/recommender/interests.js";
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
import type { TfIdfIndex } from "../core/search/tfidf-index.js";
import { stripControls } from "./terminal-text.js";

export interface PicksCommandDeps {
  index: TfIdfIndex;
  out(text: string): void;
  err(text: string): void;
  now?: () => Date;
}

const USAGE =
  'Usage: paperboy picks --interests "graph neural networks; few-shot learning" [--follow "Yann LeCun; Fei-Fei Li"] [--mute "quantum; robotics"] [--categories cs.LG,cs.CL] [--limit 1-10] [--days N] [--json]';
const DAY_MS = 86_400_000;
const MAX_DAYS = 3650;

interface PicksRequest {
  interests: string[];
  filters: PickFilters;
  limit: number;
  days: number;
  json: boolean;
}

/**
 * `paperboy picks --interests "a; b"`: today's picks for ad-hoc interests, from papers of the last
 * `--days` days (default 3; undated papers always count). Exit code 0, or 2 for bad arguments.
 */
export async function runPicks(args: string[], deps: PicksCommandDeps): Promise<number> {
  const request = parsePicksArgs(args);
  if (typeof request === "string") {
    deps.err(`${request}\n${USAGE}`);
    return 2;
  }
  const vectors = new VectorCache(deps.index);
  const model = buildProfileModel({ interests: request.interests, liked: [], disliked: [] }, vectors);
  const now = deps.now?.() ?? new Date();
  const picks =
    hasSignal(model) || request.filters.follows.length > 0
      ? picksForTarget(deps.index, vectors, {
          model,
          sent: [],
          since: new Date(now.getTime() - request.days * DAY_MS),
          count: request.limit,
          filters: request.filters,
        })
      : [];
  deps.out(request.json ? JSON.stringify(picks.map(pickJson), null, 2) : describePicks(picks, request.days));
  return 0;
}

function parsePicksArgs(args: string[]): PicksRequest | string {
  let values: {
    interests?: string;
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
    return error instanceof Error ? error.message : String(error);
  }
  const outcome = addInterests([], splitInterests(values.interests ?? ""));
  if (!outcome.ok) return outcome.message.replace(/\/interests add/g, "--interests");
  const filters = parseFilters(values);
  if (typeof filters === "string") return filters;
  if (outcome.interests.length === 0 && filters.follows.length === 0)
    return "Give at least one interest with --interests (or an author with --follow), separated by ;";
  const limit = wholeNumber(values.limit, DEFAULT_PICKS);
  if (limit === undefined || limit < MIN_PICKS || limit > MAX_PICKS) {
    return `--limit is a whole number from ${MIN_PICKS} to ${MAX_PICKS}.`;
  }
  const days = wholeNumber(values.days, FIRST_WINDOW_DAYS);
  if (days === undefined || days < 1 || days > MAX_DAYS)
    return `--days is a whole number from 1 to ${MAX_DAYS}.`;
  return { interests: outcome.interests, filters, limit, days, json: values.json === true };
}

/** `--follow "A; B"`, `--mute "x; y"`, `--categories cs.LG,cs.CL`, checked as the chat commands check them. */
function parseFilters(values: { follow?: string; mute?: string; categories?: string }): PickFilters | string {
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

/** A chat command's advice in the CLI's terms: `/follow X` becomes `--follow "X"`. */
function optionWording(message: string): string {
  return message.replace(/\/(follow|mute|categories) ([^,.;]+)/g, (_match, name: string, example: string) =>
    name === "categories"
      ? `--categories ${example.trim().replace(/ /g, ",")}`
      : `--${name} "${example.trim()}"`,
  );
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
