import { describe, expect, it } from "vitest";
import {
  AuthorMatcher,
  FOLLOW_USAGE,
  FamilyFilter,
  authorFamilies,
  authorNameReadings,
  normaliseFollowName,
  parseAuthorName,
  sameAuthor,
} from "../../../src/core/recommender/author-names.js";

const HOSTILE = [
  "",
  "   ",
  "x".repeat(10_000),
  "\u0000\u0007\u001b[31m",
  "!!! ... ,,, ---",
  "😀🎉",
  "\u200b\u200b",
];

describe("parseAuthorName", () => {
  it.each([
    ["Yann LeCun", { family: "lecun", givenInitials: "y", given: "yann" }],
    ["Y. LeCun", { family: "lecun", givenInitials: "y" }],
    ["Y.LeCun", { family: "lecun", givenInitials: "y" }],
    ["LeCun, Yann", { family: "lecun", givenInitials: "y", given: "yann" }],
    ["LECUN Yann", { family: "lecun", givenInitials: "y", given: "yann" }],
    ["Yann LECUN", { family: "lecun", givenInitials: "y", given: "yann" }],
    ["LeCun Y.", { family: "lecun", givenInitials: "y" }],
    ["Yann Le Cun", { family: "le cun", givenInitials: "y", given: "yann" }],
    ["José Hernández-Orallo", { family: "hernandez-orallo", givenInitials: "j", given: "jose" }],
    ["J. Hernández-Orallo", { family: "hernandez-orallo", givenInitials: "j" }],
    ["Hernandez-Orallo, Jose", { family: "hernandez-orallo", givenInitials: "j", given: "jose" }],
    ["van der Maaten, Laurens", { family: "van der maaten", givenInitials: "l", given: "laurens" }],
    ["Laurens van der Maaten", { family: "van der maaten", givenInitials: "l", given: "laurens" }],
    ["van der Maaten", { family: "van der maaten", givenInitials: "" }],
    ["Jean-Paul Sartre", { family: "sartre", givenInitials: "jp", given: "jean-paul" }],
    ["J.-P. Sartre", { family: "sartre", givenInitials: "jp" }],
    ["Geoffrey E. Hinton", { family: "hinton", givenInitials: "ge", given: "geoffrey e" }],
    ["Martin Luther King, Jr.", { family: "king", givenInitials: "ml", given: "martin luther" }],
    ["O’Brien, Pat", { family: "o'brien", givenInitials: "p", given: "pat" }],
    ["Łukasz Kaiser", { family: "kaiser", givenInitials: "l", given: "lukasz" }],
    ["Yann LeCun (NYU)", { family: "lecun", givenInitials: "y", given: "yann" }],
    ["张伟", { family: "张伟", givenInitials: "" }],
  ])("reads %s", (text, expected) => {
    expect(parseAuthorName(text)).toEqual(expected);
  });

  it("reads two plain words in both orders, since either may be the family name", () => {
    expect(authorNameReadings("Zhang Wei").map((name) => name.family)).toEqual(["wei", "zhang"]);
    expect(authorNameReadings("LECUN Yann").map((name) => name.family)).toEqual(["lecun"]);
  });

  it.each(HOSTILE.concat(["Y.", "J. K."]))("finds no name in %j", (text) => {
    expect(parseAuthorName(text)).toBeUndefined();
  });
});

describe("sameAuthor", () => {
  const same = (a: string, b: string): boolean => {
    const followed = parseAuthorName(a);
    const author = parseAuthorName(b);
    if (!followed || !author) throw new Error(`unparsed: ${a} / ${b}`);
    return sameAuthor(followed, author);
  };

  it.each([
    ["Yann LeCun", "Y. LeCun"],
    ["Yann LeCun", "LeCun, Yann"],
    ["Yann LeCun", "yann lecun"],
    ["Yann LeCun", "Yann Lecun"],
    ["Yann LeCun", "LECUN Yann"],
    ["Yann LeCun", "Yann Le Cun"],
    ["Y. LeCun", "Yann LeCun"],
    ["José Hernández-Orallo", "Hernandez-Orallo, Jose"],
    ["José Hernández-Orallo", "J. Hernández-Orallo"],
    ["Laurens van der Maaten", "van der Maaten, Laurens"],
    ["Geoffrey Hinton", "Geoffrey E. Hinton"],
    ["Geoffrey E. Hinton", "G. Hinton"],
    ["Jean-Paul Sartre", "J.-P. Sartre"],
    ["Xiao-Ming Wang", "Xiaoming Wang"],
    ["LeCun", "Yann LeCun"],
  ])("%s is %s", (a, b) => {
    expect(same(a, b)).toBe(true);
  });

  it.each([
    ["Yoshua Bengio", "Samy Bengio"],
    ["J. Smith", "K. Smith"],
    ["J. A. Smith", "J. B. Smith"],
    ["Yann LeCun", "Yannick LeCun"],
    ["Yann LeCun", "Yann Dauphin"],
    ["Yann LeCun", "LeCun"],
  ])("%s is not %s", (a, b) => {
    expect(same(a, b)).toBe(false);
  });
});

describe("AuthorMatcher", () => {
  it("finds a followed author written any of the usual ways, and answers with the name as followed", () => {
    const matcher = new AuthorMatcher(["Yann LeCun", "J. Hernández-Orallo"]);
    for (const written of ["Yann LeCun", "Y. LeCun", "LeCun, Yann", "yann lecun", "Yann Lecun"]) {
      expect(matcher.matches(["Ada Lovelace", written])).toBe("Yann LeCun");
    }
    expect(matcher.matches(["Hernandez-Orallo, Jose"])).toBe("J. Hernández-Orallo");
    expect(matcher.matches(["José Hernández Orallo"])).toBe("J. Hernández-Orallo");
  });

  it("does not confuse people who share a family name", () => {
    const matcher = new AuthorMatcher(["Yoshua Bengio", "J. Smith"]);
    expect(matcher.matches(["Samy Bengio", "K. Smith", "Kate Smith"])).toBeUndefined();
    expect(matcher.matches(["Y. Bengio"])).toBe("Yoshua Bengio");
  });

  it("matches a two-word name whichever word the source puts first", () => {
    const matcher = new AuthorMatcher(["Zhang Wei"]);
    expect(matcher.matches(["Wei Zhang"])).toBe("Zhang Wei");
    expect(matcher.matches(["W. Zhang"])).toBe("Zhang Wei");
    expect(matcher.matches(["Li Zhang"])).toBeUndefined();
  });

  it("matches nothing when nobody is followed, and survives hostile author strings", () => {
    expect(new AuthorMatcher([]).matches(["Yann LeCun"])).toBeUndefined();
    expect(new AuthorMatcher(HOSTILE).matches(HOSTILE)).toBeUndefined();
    expect(new AuthorMatcher(["Yann LeCun"]).matches([...HOSTILE, "Y. LeCun"])).toBe("Yann LeCun");
  });

  it("checks thousands of papers quickly", () => {
    /** A distinct capitalised word per number: names hold letters only. */
    const word = (n: number): string =>
      "Q" +
      [...n.toString(26).padStart(4, "0")].map((d) => String.fromCharCode(97 + parseInt(d, 26))).join("");
    const followed = Array.from({ length: 50 }, (_, i) => `${word(i)} ${word(i + 100_000)}`);
    const papers = Array.from({ length: 5_000 }, (_, i) =>
      Array.from({ length: 8 }, (_, j) => `${word(j + 50)} ${word(((i * 8 + j) % 3_000) + 200_000)}`),
    );
    papers[4_999] = [`${word(7).charAt(0)}. ${word(100_007)}`];
    const matcher = new AuthorMatcher(followed);
    const hits = papers.filter((authors) => matcher.matches(authors) !== undefined).length;
    expect(hits).toBe(1);
    expect(matcher.matches(papers[4_999] as string[])).toBe(followed[7]);
  });
});

describe("authorFamilies", () => {
  it("lists every family name the authors' names may read as, each once, skipping what is not a name", () => {
    const authors = ["Zhang Wei", "LeCun, Yann", "Yann Le (NYU) Cun", 42, null, "Wei Zhang", ...HOSTILE];
    expect(authorFamilies(authors)).toEqual(["wei", "zhang", "lecun", "cun"]);
    expect(authorFamilies([])).toEqual([]);
    expect(authorFamilies("Yann LeCun")).toEqual([]);
    expect(authorFamilies(undefined)).toEqual([]);
  });

  it("gives a followed name's families, by which a paper by it is found, however either is written", () => {
    const families = new AuthorMatcher(["J. Hernández-Orallo"]).families;
    for (const written of ["José Hernández Orallo", "Hernandez-Orallo, Jose", "J. HERNANDEZ-ORALLO"])
      expect(authorFamilies([written]).some((family) => families.includes(family))).toBe(true);
  });
});

describe("FamilyFilter", () => {
  const names = [
    "Yann LeCun",
    "Y.LeCun",
    "LeCun Y.",
    "Yann Le Cun",
    "Yann Le (NYU) Cun",
    "Yann Le [1] Cun",
    "Yann2 LeCun",
    "LECUN Yann",
    "O'Brien, Pat",
    "O’Brien, Pat",
    "Martin Luther King, Jr.",
    "Wei Da Zhang",
    "Zhang Wei",
    "Ji-Hoon O'Neil-Park",
    "José Hernández Orallo",
    "Hernandez-Orallo, Jose",
    "Zoë Ångström",
    "Łukasz Kaiser",
    "Дмитрий Ветров",
    "Laurens van der Maaten",
    ...HOSTILE,
  ];

  it("finds a paper exactly when one of its authors reads as one of the families", () => {
    const asked = [
      ["lecun"],
      ["cun"],
      ["obrien", "zhang"],
      ["oneilpark"],
      ["hernandezorallo"],
      ["angstrom"],
      ["kaiser", "vandermaaten"],
      ["ветров"],
      ["king", "wei"],
      ["le"],
      [],
    ];
    for (const families of asked) {
      const filter = new FamilyFilter(families);
      for (const name of names) {
        const reads = authorFamilies([name]).some((family) => families.includes(family));
        expect([name, families, filter.matches([name])]).toEqual([name, families, reads]);
      }
    }
  });

  it("checks every author of a paper, and skips what is not a name", () => {
    const filter = new FamilyFilter(["lecun"]);
    expect(filter.matches(["Ada Lovelace", 7, null, "Y. Le Cun"])).toBe(true);
    expect(filter.matches(["Ada Lovelace", "Lecunningham, Bob"])).toBe(false);
    expect(filter.matches([])).toBe(false);
    expect(filter.matches("Yann LeCun")).toBe(false);
  });
});

describe("normaliseFollowName", () => {
  it("trims and collapses spaces", () => {
    expect(normaliseFollowName("  Yann \t LeCun\n")).toEqual({ name: "Yann LeCun" });
    expect(normaliseFollowName("LeCun, Yann")).toEqual({ name: "LeCun, Yann" });
  });

  it.each(HOSTILE.concat(["Y", "Y.", "Yann LeCun; Geoffrey Hinton", "Yann LeCun and Geoffrey Hinton"]))(
    "refuses %j and shows the valid form",
    (text) => {
      const outcome = normaliseFollowName(text);
      expect(outcome).toHaveProperty("error");
      expect((outcome as { error: string }).error).toContain(FOLLOW_USAGE);
    },
  );

  it("allows 100 characters but not 101", () => {
    const name = `Yann ${"a".repeat(95)}`;
    expect(normaliseFollowName(name)).toEqual({ name });
    expect(normaliseFollowName(`${name}a`)).toHaveProperty("error");
  });
});
