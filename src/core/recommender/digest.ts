import type { TargetKey } from "../target.js";
import { parseTargetKey } from "../target.js";
import type { Reply } from "../commands/reply.js";
import type { ComposeDigest, DigestPlan } from "../delivery/digest-port.js";
import type { Paper } from "../paper.js";
import type { TfIdfIndex } from "../search/tfidf-index.js";
import type { SentPaper, Subscription } from "../records.js";
import { CandidatePool } from "./candidate-pool.js";
import { ArxivCalendar } from "../corpus/arxiv-calendar.js";
import { FEEDBACK_HINT, NO_INTERESTS_NOTE, pickCard } from "./pick-cards.js";
import { MAX_WINDOW_DAYS, type PickTuning, PICK_TUNING, picksWindowStart, rankDailyPicks } from "./picks.js";
import { pickFiltersOf } from "./pick-filters.js";
import { hasSignal } from "./profile-model.js";
import { ProfileModelCache } from "./profile-model-cache.js";
import { quietNote } from "./quiet-note.js";
import { VectorCache } from "./vector-cache.js";

export interface DigestComposerDeps {
  index: TfIdfIndex;
  /** When arXiv announces, for the quiet note (arXiv's own calendar when absent). */
  calendar?: ArxivCalendar;
  /** The corpus; only papers of the last week (and undated seed papers) become candidates. */
  papers: () => Iterable<Paper>;
  tuning?: PickTuning;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/**
 * The recommender's side of the scheduler's contract: one subscriber's digest, computed from the
 * profile and sent history without recording anything. The day's candidate papers are vectorised
 * and indexed once per hour (or whenever the index grows), then shared by every subscriber; each
 * profile's vectors are kept until the profile changes.
 *
 * @example
 * const compose = createDigestComposer({ index, papers: () => corpus.all() });
 * const plan = compose({ key, subscription, profile, history }, { now: new Date(), late: false });
 */
export function createDigestComposer(deps: DigestComposerDeps): ComposeDigest {
  const vectors = new VectorCache(deps.index);
  const models = new ProfileModelCache(vectors);
  const tuning = deps.tuning ?? PICK_TUNING;
  const calendar = deps.calendar ?? new ArxivCalendar();
  let cached: { generation: number; hour: number; pool: CandidatePool } | undefined;

  const poolAt = (now: Date): CandidatePool => {
    const hour = Math.floor(now.getTime() / HOUR_MS);
    const generation = deps.index.generation;
    if (cached?.generation !== generation || !Object.is(cached.hour, hour)) {
      const oldest = (hour + 1) * HOUR_MS - (MAX_WINDOW_DAYS * DAY_MS + HOUR_MS);
      cached = { generation, hour, pool: CandidatePool.build(recentPapers(deps.papers(), oldest), vectors) };
    }
    return cached.pool;
  };

  return ({ key, subscription, profile, history, library }, options) => {
    const model = models.modelFor(key, profile ?? { interests: [], liked: [], disliked: [] }, library);
    const filters = pickFiltersOf(profile ?? {});
    if (!hasSignal(model) && filters.follows.length === 0) return quietPlan(subscription, NO_INTERESTS_NOTE);
    const pool = poolAt(options.now);
    const picks = rankDailyPicks(
      pool,
      deps.index,
      {
        model,
        sent: history.sent,
        since: picksWindowStart(history.lastSentAt, options.now),
        count: subscription.count,
        filters,
      },
      tuning,
    );
    if (picks.length === 0) {
      // The pool's eligibility still answers for this request: what the picks were chosen from.
      const lastDigest = history.lastSentAt
        ? new Date(history.lastSentAt)
        : new Date(options.now.getTime() - DAY_MS);
      const note = quietNote({
        announcements: calendar.announcementsBetween(lastDigest, options.now).length,
        newPapers: pool.eligibility.count(),
        weekday: localWeekday(options.now, subscription.timezone),
      });
      return quietPlan(subscription, note);
    }
    const reply: Reply = {
      kind: "papers",
      title: digestTitle(key, subscription, options.now),
      lines: options.late ? [lateLine(subscription)] : [],
      cards: picks.map(pickCard),
      buttons: [],
      footer: FEEDBACK_HINT,
      private: false,
    };
    return { papers: picks.map(({ paper }) => sentPaper(paper)), reply };
  };
}

function* recentPapers(papers: Iterable<Paper>, oldestMs: number): Iterable<Paper> {
  for (const paper of papers) {
    if (!paper.publishedAt || !(Date.parse(paper.publishedAt) < oldestMs)) yield paper;
  }
}

function sentPaper(paper: Paper): SentPaper {
  return paper.publishedAt === undefined
    ? { id: paper.id }
    : { id: paper.id, publishedAt: paper.publishedAt };
}

function quietPlan(subscription: Subscription, note: string): DigestPlan {
  if (!subscription.quietNote) return { papers: [], reply: null };
  return { papers: [], reply: { kind: "info", lines: [note], cards: [], buttons: [], private: false } };
}

/** "Your papers for Tue 3 Dec", dated in the subscriber's own time zone. */
export function digestTitle(key: TargetKey, subscription: Subscription, now: Date): string {
  // Most keys are users': only a key naming a channel kind is worth parsing.
  const isChannel = key.includes(":channel") && parseTargetKey(key)?.kind === "channel";
  const whose = isChannel ? "Today's papers" : "Your papers";
  return `${whose} for ${localDay(now, subscription.timezone)}`;
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

const lastDay = new Map<string, { at: number; text: string }>();

function localDay(now: Date, timezone: string): string {
  const last = lastDay.get(timezone);
  if (last?.at === now.getTime()) return last.text;
  let format = dayFormats.get(timezone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat("en-GB", {
        timeZone: timezone,
        weekday: "short",
        day: "numeric",
        month: "short",
      });
    } catch {
      // A zone this runtime no longer knows must not cost the digest.
      format = new Intl.DateTimeFormat("en-GB", {
        timeZone: "UTC",
        weekday: "short",
        day: "numeric",
        month: "short",
      });
    }
    dayFormats.set(timezone, format);
  }
  const parts = new Map(format.formatToParts(now).map((part) => [part.type, part.value]));
  const text = `${parts.get("weekday")} ${parts.get("day")} ${parts.get("month")}`;
  // A daily run asks with the same instant for thousands of subscribers in a handful of zones.
  lastDay.set(timezone, { at: now.getTime(), text });
  return text;
}

const weekdayFormats = new Map<string, Intl.DateTimeFormat>();

/** "Saturday": the weekday of `now` in the subscriber's zone (UTC for a zone this runtime lost). */
function localWeekday(now: Date, timezone: string): string {
  let format = weekdayFormats.get(timezone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat("en-GB", { timeZone: timezone, weekday: "long" });
    } catch {
      format = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", weekday: "long" });
    }
    weekdayFormats.set(timezone, format);
  }
  return format.format(now);
}

function lateLine(subscription: Subscription): string {
  return `This digest is late: it was due at ${subscription.time} (${subscription.timezone}). Sorry for the wait.`;
}
