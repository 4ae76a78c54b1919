import { describe, expect, it } from "vitest";
import { optionWording } from "../../src/cli/option-wording.js";
import { parseCategories } from "../../src/core/paper-categories.js";
import { FOLLOW_USAGE } from "../../src/core/recommender/author-names.js";
import { addInterests } from "../../src/core/recommender/interests.js";
import { MUTE_USAGE } from "../../src/core/recommender/muted-phrases.js";

function errorOf(outcome: object): string {
  if ("error" in outcome && typeof outcome.error === "string") return outcome.error;
  if ("message" in outcome && typeof outcome.message === "string") return outcome.message;
  throw new Error(`no error in ${JSON.stringify(outcome)}`);
}

describe("optionWording", () => {
  it("turns the chat commands' advice into the options that do the same", () => {
    expect(optionWording(FOLLOW_USAGE)).toBe('Use --follow "<author name>", e.g. --follow "Yann LeCun"');
    expect(optionWording(MUTE_USAGE)).toBe('Use --mute "<word or phrase>", e.g. --mute "quantum computing"');
    expect(optionWording(errorOf(parseCategories("")))).toBe(
      "Name the arXiv categories you want. Use --categories <category,…> or --categories all, " +
        "e.g. --categories cs.LG,cs.CL",
    );
    expect(optionWording(errorOf(addInterests([], ["!!!"])))).toBe(
      '“!!!” has no letters or digits. Use a topic, e.g. --interests "graph neural networks"',
    );
    expect(optionWording(errorOf(addInterests([], ["x".repeat(201)])))).toMatch(
      /e\.g\. --interests "few-shot learning"; separate several with ;$/,
    );
  });

  it("leaves text without chat commands alone, dotted category names and paths included", () => {
    const text = "cs.XY is not an arXiv category. Accepted: BibTeX, RIS, or a list of arXiv ids/URLs.";
    expect(optionWording(text)).toBe(text);
  });
});
