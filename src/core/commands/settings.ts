import { MAX_INTERESTS } from "../recommender/interests.js";
import type { Command } from "./command.js";
import { targetKey } from "../target.js";
import { orEmpty } from "./empty-profile.js";
import type { Library } from "../records.js";
import { recapLine } from "./recap.js";
import { errorReply, infoReply, quote } from "./replies.js";
import { SUBSCRIBE_USAGE } from "./subscribe-options.js";
import { describeSubscription } from "./subscription-text.js";

export const settingsCommand: Command = {
  name: "settings",
  usage: "settings",
  summary: "Show the digest schedule, interests and feedback",
  async run(args, ctx, env) {
    if (args.length > 0) return errorReply("/settings takes no options: type just /settings.");
    const key = targetKey(ctx.target);
    const [subscription, stored, library] = await Promise.all([
      env.store.subscriptions.get(key),
      env.store.profiles.get(key),
      env.store.libraries.get(key),
    ]);
    const profile = orEmpty(stored);
    const lines = [
      subscription
        ? `Digest: ${describeSubscription(subscription)}.`
        : `Digest: off. /${SUBSCRIBE_USAGE} starts one.`,
    ];
    if (subscription?.paused)
      lines.push(
        `Paused since ${subscription.paused.at}: ${subscription.paused.reason}. /subscribe resumes.`,
      );
    if (ctx.target.kind === "channel") lines.push(recapLine(subscription, ctx.platform));
    lines.push(
      profile.interests.length > 0
        ? `Interests (${profile.interests.length} of ${MAX_INTERESTS}): ${profile.interests.join("; ")}`
        : "Interests: none yet. /interests add <phrase> adds one.",
    );
    lines.push(`Feedback: ${profile.liked.length} liked, ${profile.disliked.length} disliked.`);
    lines.push(libraryLine(library));
    lines.push(listLine("Following", profile.follows, "/follow <author name> adds one."));
    lines.push(listLine("Muted", profile.mutes, "/mute <word or phrase> adds one."));
    lines.push(
      profile.categories?.length
        ? `Categories: ${profile.categories.join(", ")} only.`
        : "Categories: all. /categories cs.LG cs.CL limits picks to some.",
    );
    const title = ctx.target.kind === "channel" ? "This channel's settings" : "Your settings";
    return infoReply(lines, title);
  },
};

function listLine(label: string, entries: readonly string[] | undefined, hint: string): string {
  return entries?.length ? `${label}: ${entries.join("; ")}` : `${label}: none. ${hint}`;
}

function libraryLine(library: Library | undefined): string {
  if (!library)
    return "Library: none. /import a BibTeX, RIS or CSL-JSON export (or arXiv ids) to shape your picks.";
  const newest = library.papers.slice(0, 3).map((paper) => quote(paper.title, 60));
  const day = library.importedAt.slice(0, 10);
  return `Library: ${library.papers.length} papers imported ${day}, newest ${newest.join(", ")}. /import clear removes it.`;
}
