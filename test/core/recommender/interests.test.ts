import { describe, expect, it } from "vitest";
import {
  addInterests,
  findInterest,
  MAX_INTEREST_CHARS,
  MAX_INTERESTS,
  splitInterests,
} from "../../../src/core/recommender/interests.js";

describe("interests", () => {
  it("splits on semicolons and cleans whitespace and control characters", () => {
    expect(splitInterests("  graph\tneural  networks ; ;few-shot\u0007learning ")).toEqual([
      "graph neural networks",
      "few-shot learning",
    ]);
  });

  it("merges duplicates case-insensitively, within the input and with the list", () => {
    const outcome = addInterests(["Diffusion Models"], ["diffusion models", "RL", "rl"]);
    expect(outcome).toMatchObject({ ok: true, interests: ["Diffusion Models", "RL"], added: ["RL"] });
  });

  it("refuses a phrase over 200 characters and adds nothing", () => {
    const outcome = addInterests([], ["ok", "x".repeat(MAX_INTEREST_CHARS + 1)]);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.message).toContain(`${MAX_INTEREST_CHARS} characters`);
  });

  it("refuses to grow past 25 interests", () => {
    const full = Array.from({ length: MAX_INTERESTS }, (_, i) => `topic ${i}`);
    const outcome = addInterests(full, ["one more"]);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.message).toContain("/interests remove");
  });

  it("refuses phrases without letters or digits", () => {
    expect(addInterests([], ["!!!"]).ok).toBe(false);
  });

  it("finds an interest by number or by text", () => {
    expect(findInterest(["a b", "c d"], "2")).toBe(1);
    expect(findInterest(["a b", "c d"], " C  D ")).toBe(1);
    expect(findInterest(["a b"], "3")).toBeUndefined();
  });
});
