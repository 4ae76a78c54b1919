import { parseCategories } from "../paper-categories.js";
import { targetKey } from "../target.js";
import type { Command } from "./command.js";
import { orEmpty } from "./empty-profile.js";
import { refuseUnlessManager } from "./permission.js";
import { errorReply, infoReply } from "./replies.js";

const CATEGORIES_FORM =
  "Use /categories cs.LG cs.CL to limit picks to those arXiv categories, or /categories all.";

export const categoriesCommand: Command = {
  name: "categories",
  usage: "categories <arXiv category>… | all",
  summary: "Limit picks to some arXiv categories",
  async run(args, ctx, env) {
    const key = targetKey(ctx.target);
    if (args.trim().length === 0) {
      const current = orEmpty(await env.store.profiles.get(key)).categories ?? [];
      const now =
        current.length > 0
          ? `Picks come from ${current.join(", ")} only.`
          : "Picks come from every category.";
      return infoReply([now, CATEGORIES_FORM]);
    }
    const parsed = parseCategories(args);
    if ("error" in parsed) return errorReply(parsed.error);
    const refusal = await refuseUnlessManager(ctx, "categories");
    if (refusal) return refusal;
    const chosen = "all" in parsed ? [] : parsed.categories;
    await env.store.profiles.update(key, env.now(), (profile) => {
      profile.categories = chosen;
    });
    if (chosen.length === 0) return infoReply(["Picks come from every category again."]);
    return infoReply([
      `Picks now come from ${chosen.join(", ")} only. A new paper by an author you follow is picked whatever its category.`,
      "/categories all lifts the limit.",
    ]);
  },
};
