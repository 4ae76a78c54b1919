import { MuteMatcher, normaliseMutePhrase } from "../recommender/muted-phrases.js";
import { targetKey } from "../target.js";
import type { Command } from "./command.js";
import { withUndo } from "./follow.js";
import { removeFromList } from "./profile-list.js";
import { refuseUnlessManager } from "./permission.js";
import { errorReply, infoReply, quote } from "./replies.js";

/** Muted phrases per target. */
export const MAX_MUTES = 50;
const MUTE_FORM = "Use /mute <word or phrase>, e.g. /mute quantum computing";

export const muteCommand: Command = {
  name: "mute",
  usage: "mute <word or phrase>",
  summary: "Never get papers about a topic",
  async run(args, ctx, env) {
    if (args.trim().length === 0) return errorReply("Name the word or phrase to mute.", MUTE_FORM);
    const normalised = normaliseMutePhrase(args);
    if ("error" in normalised) return errorReply(normalised.error);
    const refusal = await refuseUnlessManager(ctx, "muted topics");
    if (refusal) return refusal;
    const { phrase } = normalised;
    const outcome = await env.store.profiles.update(targetKey(ctx.target), env.now(), (profile) => {
      const mutes = profile.mutes ?? [];
      const same = mutes.find((muted) => sameWords(muted, phrase));
      if (same !== undefined) return { kind: "already" as const, same };
      if (mutes.length >= MAX_MUTES) return { kind: "full" as const };
      profile.mutes = [...mutes, phrase];
      return { kind: "added" as const };
    });
    if (outcome.kind === "already") return infoReply([`${quote(outcome.same, 100)} is muted already.`]);
    if (outcome.kind === "full") {
      return errorReply(
        `${MAX_MUTES} topics are muted already, the most there can be.`,
        "Use /unmute <phrase> to make room; /settings lists them.",
      );
    }
    const lines = [
      `Muted ${quote(phrase, 100)}: papers whose title or abstract mention it never appear in picks or digests.`,
      "/find still finds them, marked as muted.",
    ];
    return withUndo(infoReply(lines), "unmute", phrase);
  },
};

export const unmuteCommand: Command = {
  name: "unmute",
  usage: "unmute <word or phrase>",
  summary: "Get papers about a muted topic again",
  run: (args, ctx, env) =>
    removeFromList(args, ctx, env, {
      list: "mutes",
      what: "muted topics",
      form: "Use /unmute <word or phrase>; /settings lists the muted topics.",
      removed: (phrase) => `Unmuted ${quote(phrase, 100)}.`,
      find: (mutes, text) => mutes.find((muted) => sameWords(muted, text)),
    }),
};

/** Whether two phrases mute the same papers: each matches the other as written. */
function sameWords(a: string, b: string): boolean {
  const text = (phrase: string) => ({ title: phrase, abstract: "" });
  return (
    new MuteMatcher([a]).matches(text(b)) !== undefined && new MuteMatcher([b]).matches(text(a)) !== undefined
  );
}
