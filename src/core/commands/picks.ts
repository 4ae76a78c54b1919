import { FEEDBACK_HINT, NO_INTERESTS_NOTE, pickCard, QUIET_DAY_NOTE } from "../recommender/pick-cards.js";
import { pickFiltersOf } from "../recommender/pick-filters.js";
import { DEFAULT_PICKS, picksWindowStart } from "../recommender/picks.js";
import { buildProfileModel, hasSignal } from "../recommender/profile-model.js";
import { picksForTarget } from "../recommender/target-picks.js";
import type { Command } from "./command.js";
import { targetKey } from "../target.js";
import { errorReply, infoReply } from "./replies.js";

export const picksCommand: Command = {
  name: "picks",
  usage: "picks",
  summary: "Preview today's picks for your interests",
  async run(args, ctx, env) {
    if (args.length > 0) return errorReply("/picks takes no options: type just /picks.");
    const key = targetKey(ctx.target);
    const [profile, subscription, histories, library] = await Promise.all([
      env.store.profiles.get(key),
      env.store.subscriptions.get(key),
      env.store.deliveries.historyOf([key]),
      env.store.libraries.get(key),
    ]);
    const signals = profile ?? { interests: [], liked: [], disliked: [] };
    const model = buildProfileModel(signals, env.vectors, library?.papers);
    const filters = pickFiltersOf(profile ?? {});
    if (!hasSignal(model) && filters.follows.length === 0) return infoReply([NO_INTERESTS_NOTE]);
    const now = env.now();
    const picks = picksForTarget(env.index, env.vectors, env.papers.recent(), {
      model,
      sent: histories.get(key)?.sent ?? [],
      since: picksWindowStart(histories.get(key)?.lastSentAt, now),
      count: subscription?.count ?? DEFAULT_PICKS,
      filters,
    });
    if (picks.length === 0) return infoReply([QUIET_DAY_NOTE], "Today's picks");
    return {
      kind: "papers",
      title: "Today's picks",
      lines: ["What the next digest would hold right now: new papers not sent before, best first."],
      cards: picks.map(pickCard),
      buttons: [],
      footer: FEEDBACK_HINT,
    };
  },
};
