import { describe, expect, it } from "vitest";
import {
  ARXIV_CATEGORIES,
  CATEGORIES_USAGE,
  inCategories,
  parseCategories,
} from "../../src/core/paper-categories.js";

const errorOf = (text: string): string => {
  const outcome = parseCategories(text);
  if (!("error" in outcome)) throw new Error(`expected an error for ${text}`);
  return outcome.error;
};

describe("ARXIV_CATEGORIES", () => {
  it("holds the whole taxonomy with names", () => {
    expect(ARXIV_CATEGORIES.size).toBe(155);
    expect(ARXIV_CATEGORIES.get("cs.LG")).toBe("Machine Learning");
    expect(ARXIV_CATEGORIES.get("stat.ML")).toBe("Machine Learning");
    expect(ARXIV_CATEGORIES.get("cond-mat.str-el")).toBe("Strongly Correlated Electrons");
    for (const id of [
      "hep-th",
      "gr-qc",
      "quant-ph",
      "math-ph",
      "nucl-ex",
      "astro-ph.CO",
      "q-fin.TR",
      "econ.EM",
    ]) {
      expect(ARXIV_CATEGORIES.has(id)).toBe(true);
    }
    expect([...ARXIV_CATEGORIES.keys()].filter((id) => id.startsWith("cs."))).toHaveLength(40);
  });
});

describe("parseCategories", () => {
  it("reads canonical ids whatever the case and separators, each once, in order", () => {
    expect(parseCategories("cs.LG cs.CL")).toEqual({ categories: ["cs.LG", "cs.CL"] });
    expect(parseCategories("cs.lg, CS.CL,cs.LG")).toEqual({ categories: ["cs.LG", "cs.CL"] });
    expect(parseCategories("HEP-TH cond-mat.STR-EL")).toEqual({ categories: ["hep-th", "cond-mat.str-el"] });
  });

  it("reads all in any case, but only on its own", () => {
    expect(parseCategories("all")).toEqual({ all: true });
    expect(parseCategories(" ALL ")).toEqual({ all: true });
    expect(errorOf("all cs.LG")).toContain(CATEGORIES_USAGE);
  });

  it("names an unknown category and lists its archive's categories", () => {
    const error = errorOf("cs.LG cs.XY");
    expect(error).toMatch(/^cs\.XY is not an arXiv category\. cs has: cs\.AI, cs\.AR, /);
    expect(error).toContain("cs.SY");
    expect(error).toContain("e.g. /categories cs.LG cs.CL");
    expect(error).not.toContain("math.");
  });

  it("lists the archives when the prefix is unknown too", () => {
    const error = errorOf("foo.BAR");
    expect(error).toContain("foo.BAR is not an arXiv category");
    expect(error).toContain("Valid archives: astro-ph, cond-mat, cs, econ, eess, gr-qc, hep-ex,");
    expect(error).toContain("e.g. /categories cs.LG cs.CL");
  });

  it("takes at most 20 categories", () => {
    const ids = [...ARXIV_CATEGORIES.keys()];
    expect(parseCategories(ids.slice(0, 20).join(" "))).toEqual({ categories: ids.slice(0, 20) });
    expect(errorOf(ids.slice(0, 21).join(" "))).toContain("At most 20");
  });

  it.each(["", "   ", " , ;", "\u0000\u0007"])("asks for categories when given %j", (text) => {
    expect(errorOf(text)).toContain(CATEGORIES_USAGE);
  });

  it.each(["x".repeat(10_000), "!!! ???", "😀 🎉", "\u0000cs.LG\u0007x", "cs.".repeat(3_000)])(
    "refuses %j without throwing, quoting it briefly",
    (text) => {
      const error = errorOf(text);
      expect(error).toContain("e.g. /categories cs.LG cs.CL");
      expect(error.length).toBeLessThan(1_000);
      expect(error).not.toMatch(/\p{Cc}/u);
    },
  );
});

describe("inCategories", () => {
  const wanted = new Set(["cs.LG", "cs.CL"]);

  it("is true when any of the paper's categories is wanted", () => {
    expect(inCategories(["stat.ML", "cs.LG"], wanted)).toBe(true);
    expect(inCategories(["math.PR"], wanted)).toBe(false);
  });

  it("keeps papers without known categories out", () => {
    expect(inCategories(undefined, wanted)).toBe(false);
    expect(inCategories([], wanted)).toBe(false);
  });
});
