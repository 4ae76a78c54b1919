import { MuteMatcher } from "../recommender/muted-phrases.js";
import type { SearchHit, TfIdfIndex } from "../search/tfidf-index.js";
import { targetKey } from "../target.js";
import { missingPaperCard, paperCard } from "./cards.js";
import type { Command } from "./command.js";
import type { CommandContext } from "./context.js";
import type { CommandEnv } from "./deps.js";
import type { FindQuery } from "./find-pages.js";
import { errorReply, infoReply, quote } from "./replies.js";
import type { Button, Reply } from "./reply.js";

export const FIND_USAGE = "find <query> [--days N]";
export const FIND_PAGE_SIZE = 5;
const MAX_DAYS = 3650;
const DAY_MS = 86_400_000;

export const findCommand: Command = {
  name: "find",
  usage: FIND_USAGE,
  summary: "Search papers on a topic; --days N keeps the last N days",
  async run(args, ctx, env) {
    const parsed = parseFind(args);
    if ("error" in parsed)
      return errorReply(parsed.error, `Use /${FIND_USAGE}, e.g. /find graph neural networks --days 7`);
    const token = env.findPages.remember(parsed);
    return findPage(env, ctx, parsed, token, 1);
  },
};

/** `find:<token>:<page>` from a "Next page" / "Previous page" button. */
export async function runFindAction(
  env: CommandEnv,
  ctx: CommandContext,
  token: string,
  pageText: string,
): Promise<Reply> {
  const query = env.findPages.recall(token);
  const page = Number(pageText);
  if (!query) return errorReply("This search has expired. Run it again with /find <query>.");
  if (!Number.isInteger(page) || page < 1)
    return errorReply("That page does not exist. Run the search again with /find <query>.");
  return findPage(env, ctx, query, token, page);
}

function parseFind(args: string): FindQuery | { error: string } {
  const match = /(?:^|\s)--days(?:\s+|=)(\S+)\s*$/.exec(args);
  const rest = match ? args.slice(0, match.index) : args;
  if (/(^|\s)--\S/.test(rest)) return { error: "Only --days N is understood after the query, at the end." };
  const query = rest.trim();
  if (query.length === 0) return { error: "Type what to search for." };
  if (!match) return { query };
  const days = Number(match[1]);
  if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS) {
    return {
      error: `--days takes a whole number of days from 1 to ${MAX_DAYS}, not ${quote(match[1] ?? "")}.`,
    };
  }
  return { query, days };
}

async function findPage(
  env: CommandEnv,
  ctx: CommandContext,
  query: FindQuery,
  token: string,
  page: number,
): Promise<Reply> {
  const outcome = search(env.index, query, env.now(), page);
  const notice = outcome.notice ? [outcome.notice] : [];
  const pages = Math.max(1, Math.ceil(outcome.total / FIND_PAGE_SIZE));
  const scope = query.days ? ` from the last ${query.days} day${query.days === 1 ? "" : "s"}` : "";
  if (outcome.total === 0) {
    return infoReply([
      ...notice,
      `No papers${scope} match ${quote(query.query)}. Try broader words, or fewer.`,
    ]);
  }
  if (page > pages)
    return errorReply(`There are only ${pages} page${pages === 1 ? "" : "s"} for ${quote(query.query)}.`);
  const buttons: Button[] = [];
  if (page > 1)
    buttons.push({ label: "Previous page", action: `find:${token}:${page - 1}`, style: "secondary" });
  if (page < pages)
    buttons.push({ label: "Next page", action: `find:${token}:${page + 1}`, style: "primary" });
  return {
    kind: "papers",
    title: `Results for ${quote(query.query, 100)}${scope}`,
    lines: notice,
    cards: await findCards(env, ctx, outcome.results),
    buttons,
    footer: `Page ${page} of ${pages} · ${outcome.total} paper${outcome.total === 1 ? "" : "s"}`,
    private: true,
  };
}

/** The results as cards; a paper the caller muted is still shown, marked as such. */
async function findCards(env: CommandEnv, ctx: CommandContext, results: readonly SearchHit[]) {
  const [profile, byId] = await Promise.all([
    env.store.profiles.get(targetKey(ctx.target)),
    env.papers.byId(results.map(({ id }) => id)),
  ]);
  const mutes = profile?.mutes ?? [];
  const muter = mutes.length > 0 ? new MuteMatcher(mutes) : undefined;
  return results.map(({ id, score, matched }) => {
    const paper = byId.get(id);
    // Counted in the total, so shown: searchable, but its record could not be read.
    if (!paper) return missingPaperCard(id);
    const muted = muter?.matches(paper);
    const why =
      muted === undefined ? undefined : `muted (${quote(muted)}): it stays out of picks and digests`;
    return paperCard(paper, why ? { score, matched, why } : { score, matched });
  });
}

function search(index: TfIdfIndex, query: FindQuery, now: Date, page: number) {
  const since = query.days ? new Date(now.getTime() - query.days * DAY_MS) : undefined;
  return index.search(query.query, { limit: FIND_PAGE_SIZE, offset: (page - 1) * FIND_PAGE_SIZE, since });
}
