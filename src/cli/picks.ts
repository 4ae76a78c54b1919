import { parseArgs } from "node:util";
import { addInterests, splitInterests } from "../core/recommender/interests.js";
import { pickReason } from "../core/recommender/pick-cards.js";
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
  'Usage: paperboy picks --interests "graph neural networks; few-shot learning" [--limit 1-10] [--days N] [--json]';
const DAY_MS = 86_400_000;
const MAX_DAYS = 3650;

interface PicksRequest {
  interests: string[];
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
  const picks = hasSignal(model)
    ? picksForTarget(deps.index, vectors, {
        model,
        sent: [],
        since: new Date(now.getTime() - request.days * DAY_MS),
        count: request.limit,
      })
    : [];
  deps.out(request.json ? JSON.stringify(picks.map(pickJson), null, 2) : describePicks(picks, request.days));
  return 0;
}

function parsePicksArgs(args: string[]): PicksRequest | string {
  let values: { interests?: string; limit?: string; days?: string; json?: boolean };
  try {
    const parsed = parseArgs({
      args,
      options: {
        interests: { type: "string" },
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
  if (outcome.interests.length === 0) return "Give at least one interest with --interests, separated by ;";
  const limit = wholeNumber(values.limit, DEFAULT_PICKS);
  if (limit === undefined || limit < MIN_PICKS || limit > MAX_PICKS) {
    return `--limit is a whole number from ${MIN_PICKS} to ${MAX_PICKS}.`;
  }
  const days = wholeNumber(values.days, FIRST_WINDOW_DAYS);
  if (days === undefined || days < 1 || days > MAX_DAYS)
    return `--days is a whole number from 1 to ${MAX_DAYS}.`;
  return { interests: outcome.interests, limit, days, json: values.json === true };
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
