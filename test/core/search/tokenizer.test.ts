import { describe, expect, it } from "vitest";
import { stem, tokenize } from "../../../src/core/search/tokenizer.js";
import { TfIdfIndex } from "../../../src/core/search/tfidf-index.js";
import type { Paper } from "../../../src/core/paper.js";

const paper = (id: string, title: string, abstract = ""): Paper => ({
  id,
  title,
  abstract,
  authors: [],
  sources: [],
});

describe("tokenize", () => {
  it("reads a hyphenated word as its parts, so few-shot matches few shot", () => {
    expect(tokenize("few-shot learning")).toEqual(tokenize("few shot learning"));
    expect(tokenize("few-shot")).toEqual(["few", "shot"]);
  });

  it("finds a hyphenated title with a spaced query and the other way round", () => {
    const index = TfIdfIndex.build([
      paper("a", "Few-shot classification with prototypes"),
      paper("b", "Graph kernels for molecules"),
    ]);
    expect(index.search("few shot").results[0]?.id).toBe("a");
    const spaced = TfIdfIndex.build([
      paper("c", "Self supervised pretraining"),
      paper("d", "Kernel methods"),
    ]);
    expect(spaced.search("self-supervised").results[0]?.id).toBe("c");
  });

  it("folds NFKC ligatures, full-width letters and case", () => {
    expect(tokenize("ﬁne-tuning")).toEqual(tokenize("fine-tuning"));
    expect(tokenize("ＧＲＡＰＨ Ｎｅｔｗｏｒｋｓ")).toEqual(tokenize("graph networks"));
    expect(tokenize("TRANSFORMERS")).toEqual(tokenize("transformers"));
  });

  it("keeps accented and non-Latin letters inside words", () => {
    expect(tokenize("Café naïve")).toEqual(["café", "naïv"]);
    expect(tokenize("Ωmega сеть")).toEqual(["ωmega", "сеть"]);
  });

  it("keeps numbers and alphanumerics such as GPT-4 and 3D", () => {
    expect(tokenize("GPT-4 beats 3D U-Net")).toEqual(["gpt", "4", "beat", "3d", "net"]);
  });

  it("drops stop words and lone letters but keeps meaningful short words like few", () => {
    expect(tokenize("the a of and few x")).toEqual(["few"]);
  });

  it("strips HTML tags", () => {
    expect(tokenize("<b>diffusion</b> <script>models</script>")).toEqual(["diffus", "model"]);
  });
});

describe("stem", () => {
  it("is the Porter stemmer: inflections share one stem", () => {
    expect(stem("networks")).toBe("network");
    expect(stem("learning")).toBe(stem("learned"));
    expect(stem("generalization")).toBe("gener");
    expect(stem("studies")).toBe("studi");
  });
});
