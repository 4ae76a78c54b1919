import { describe, expect, it } from "vitest";
import { normalizeArxivId, unwrapText } from "../../src/sources/normalize.js";

describe("normalizeArxivId", () => {
  it.each([
    ["2410.12345v2", "2410.12345"],
    ["2410.12345", "2410.12345"],
    ["0704.0001v1", "0704.0001"],
    ["hep-th/9901001v3", "hep-th/9901001"],
    ["math.CO/0501001", "math.CO/0501001"],
    ["https://arxiv.org/abs/2410.12345v2", "2410.12345"],
    ["http://arxiv.org/abs/cond-mat/0603029v1", "cond-mat/0603029"],
    ["https://arxiv.org/pdf/2410.12345v3.pdf", "2410.12345"],
    ["https://export.arxiv.org/abs/2410.12345?context=cs", "2410.12345"],
    ["https://huggingface.co/papers/2410.17243", "2410.17243"],
    ["oai:arXiv.org:2609.26811v1", "2609.26811"],
    ["arXiv:2205.06398v2", "2205.06398"],
    ["  2410.12345  ", "2410.12345"],
  ])("reads %s as %s", (raw, id) => {
    expect(normalizeArxivId(raw)).toBe(id);
  });

  it.each([
    "",
    "garbage",
    "2413.12345",
    "2410.123",
    "12345",
    "https://arxiv.org/api/errors#incorrect_id_format_for_abc",
    "../etc/passwd",
  ])("finds no id in %j", (raw) => {
    expect(normalizeArxivId(raw)).toBeUndefined();
  });
});

describe("unwrapText", () => {
  it("joins hard-wrapped lines and collapses whitespace without touching the words", () => {
    expect(
      unwrapText("  Breaking the Memory Barrier: Near Infinite Batch Size Scaling for\n  Contrastive Loss "),
    ).toBe("Breaking the Memory Barrier: Near Infinite Batch Size Scaling for Contrastive Loss");
    expect(unwrapText("a &lt; b <i>c</i>\n\n\td")).toBe("a &lt; b <i>c</i> d");
  });
});
