import { describe, expect, it } from "vitest";
import { countTerms, TermCounter } from "../../../src/core/search/term-counts.js";
import { Vocabulary } from "../../../src/core/search/vocabulary.js";
import { seededRandom } from "../../../scripts/bench/synthetic-corpus.js";

const FRAGMENTS = [
  "graph",
  "Neural",
  "networks",
  "few-shot",
  "learning",
  "of",
  "the",
  "model’s",
  "“diffusion”",
  "—",
  "–",
  "×",
  "→",
  "∞",
  "(ablation)",
  ", ",
  ". ",
  "café",
  "naïve",
  "e\u0301t\u00e9",
  "=\u0338",
  "’\u0301",
  "ﬁne-tuning",
  "Ｆｕｌｌ",
  "<b>bold</b>",
  "\u00a0",
  "🙂",
  "𝔸𝕓",
  "大规模",
  "ε-greedy",
  "\ud800",
  "GPT-4",
  "2024",
  "\u00ad",
  "\ufeff",
  "\t\n",
  "“é",
  "<i>",
  "a&amp;b",
];

/** Every term id with its weighted count. */
function counts(text: string, vocabulary: Vocabulary): Map<number, number> {
  const counter = new TermCounter();
  countTerms(text, 1, vocabulary, true, counter);
  return counter.toMap();
}

describe("counting terms", () => {
  it("counts text with non-ASCII characters exactly as folding all of it first would", () => {
    const random = seededRandom(3);
    const vocabulary = new Vocabulary();
    for (let n = 0; n < 3000; n++) {
      const parts = Array.from({ length: 3 + Math.floor(random() * 12) }, () => {
        const fragment = FRAGMENTS[Math.floor(random() * FRAGMENTS.length)] as string;
        return random() < 0.3 ? fragment : `${fragment} `;
      });
      const text = parts.join("");
      // A leading "é " sends the whole text down the folding path; it adds no term and ends no phrase.
      expect(counts(text, vocabulary), text).toEqual(counts(`é ${text}`, vocabulary));
    }
  });
});
