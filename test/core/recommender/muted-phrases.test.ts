import { describe, expect, it } from "vitest";
import { MUTE_USAGE, MuteMatcher, normaliseMutePhrase } from "../../../src/core/recommender/muted-phrases.js";

const paper = (title: string, abstract = ""): { title: string; abstract: string } => ({ title, abstract });

describe("MuteMatcher", () => {
  it("mutes by stems, as search reads words", () => {
    const matcher = new MuteMatcher(["transformer", "large language model"]);
    expect(matcher.matches(paper("Transformers for vision"))).toBe("transformer");
    expect(matcher.matches(paper("Large Language Models are few-shot learners"))).toBe(
      "large language model",
    );
    expect(matcher.matches(paper("On scaling", "We train LARGE-LANGUAGE-MODELS."))).toBe(
      "large language model",
    );
  });

  it("matches whole words only", () => {
    expect(
      new MuteMatcher(["graph"]).matches(paper("Every paragraph counts", "A paragraph.")),
    ).toBeUndefined();
    expect(new MuteMatcher(["graph"]).matches(paper("Graphs everywhere"))).toBe("graph");
  });

  it("needs the words together and in order", () => {
    const matcher = new MuteMatcher(["language model"]);
    expect(matcher.matches(paper("Models of language"))).toBeUndefined();
    expect(matcher.matches(paper("Language and vision models"))).toBeUndefined();
    expect(matcher.matches(paper("A study of language", "Models are trained."))).toBeUndefined();
  });

  it("skips stop words on both sides", () => {
    expect(new MuteMatcher(["state of the art"]).matches(paper("Beyond state-of-the-art methods"))).toBe(
      "state of the art",
    );
    expect(new MuteMatcher(["state-of-the-art"]).matches(paper("A state of the art survey"))).toBe(
      "state-of-the-art",
    );
  });

  it("does not match across sentence punctuation or from title into abstract", () => {
    const matcher = new MuteMatcher(["quantum computing"]);
    expect(matcher.matches(paper("Notes on quantum", "Computing is hard."))).toBeUndefined();
    expect(matcher.matches(paper("Notes", "We study the quantum. Computing follows."))).toBeUndefined();
    expect(matcher.matches(paper("Notes", "Advances in quantum computing."))).toBe("quantum computing");
  });

  it("answers with the phrase as the user wrote it, ignoring case and accents", () => {
    expect(new MuteMatcher(["Quantum Computing"]).matches(paper("quantum computers"))).toBe(
      "Quantum Computing",
    );
    expect(new MuteMatcher(["naïve bayes"]).matches(paper("Naïve Bayes revisited"))).toBe("naïve bayes");
  });

  it("mutes nothing without phrases, and survives hostile text", () => {
    expect(new MuteMatcher([]).matches(paper("Transformers"))).toBeUndefined();
    const hostile = ["", "\u0000\u0007", "😀🎉", "!!! ...", "the of", "x".repeat(10_000)];
    const matcher = new MuteMatcher(["transformer"]);
    for (const text of hostile) expect(matcher.matches(paper(text, text))).toBeUndefined();
    const unmatchable = new MuteMatcher(hostile.slice(0, -1));
    expect(unmatchable.matches(paper("The of 😀🎉 !!!", "Transformers and the of."))).toBeUndefined();
  });

  it("checks thousands of papers against dozens of phrases quickly", () => {
    const phrases = Array.from({ length: 40 }, (_, i) => `topic${i} method${i}`);
    const papers = Array.from({ length: 5_000 }, (_, i) =>
      paper(`Paper ${i} about things`, `We study topic${i % 97} using method${(i + 1) % 97}. `.repeat(20)),
    );
    papers.push(paper("Hit", "A new topic7 method7 appears."));
    const matcher = new MuteMatcher(phrases);
    const muted = papers.filter((text) => matcher.matches(text) !== undefined);
    expect(muted.map((text) => text.title)).toEqual(["Hit"]);
  });
});

describe("normaliseMutePhrase", () => {
  it("trims and collapses spaces, keeping the words as written", () => {
    expect(normaliseMutePhrase("  Quantum \t Computing \n")).toEqual({ phrase: "Quantum Computing" });
    expect(normaliseMutePhrase("x")).toHaveProperty("error");
    expect(normaliseMutePhrase("5G")).toEqual({ phrase: "5G" });
  });

  it.each(["", "   ", "x".repeat(101), "\u0000\u0007", "!!! ...", "😀🎉", "the of and", "a b c"])(
    "refuses %j and shows the valid form",
    (text) => {
      const outcome = normaliseMutePhrase(text);
      expect(outcome).toHaveProperty("error");
      expect((outcome as { error: string }).error).toContain(MUTE_USAGE);
    },
  );

  it("allows 100 characters", () => {
    const phrase = "graph ".repeat(20).slice(0, 100);
    expect(normaliseMutePhrase(phrase)).toEqual({ phrase: phrase.trim() });
  });
});
