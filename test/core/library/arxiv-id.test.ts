import { describe, expect, it } from "vitest";
import { arxivIdOf } from "../../../src/core/library/arxiv-id.js";

describe("arxivIdOf", () => {
  it.each([
    ["2410.12345v2", "2410.12345"],
    ["arXiv:2410.12345", "2410.12345"],
    ["https://arxiv.org/abs/2410.12345v1", "2410.12345"],
    ["https://arxiv.org/pdf/2410.12345.pdf", "2410.12345"],
    ["https://arxiv.org/pdf/2410.12345v3", "2410.12345"],
    ["http://export.arxiv.org/abs/hep-th/9901001", "hep-th/9901001"],
    ["10.48550/arXiv.2410.12345", "2410.12345"],
    ["https://doi.org/10.48550/arXiv.1706.03762", "1706.03762"],
    ["arXiv preprint arXiv:1810.04805", "1810.04805"],
    ["arXiv:1706.03762 [cs]", "1706.03762"],
    ["arXiv preprint 2307.09288", "2307.09288"],
    ["1412.6980", "1412.6980"],
    ["0704.0001", "0704.0001"],
    ["hep-th/9711200v3", "hep-th/9711200"],
    ["math.GT/0309136", "math/0309136"],
  ])("reads %s as %s", (text, id) => {
    expect(arxivIdOf(text)).toBe(id);
  });

  it.each([
    ["a bare number in free text", "pages 1234.5678"],
    ["a five-digit serial before 2015", "1412.12345"],
    ["a four-digit serial from 2015", "2410.1234"],
    ["month 13", "2413.12345"],
    ["before the scheme began", "0612.0001"],
    ["six digits after the dot", "2410.123456"],
    ["an unknown old archive", "foo-bar/9901001"],
    ["another publisher's DOI", "10.1038/s41586-021-03819-2"],
    ["a non-arXiv URL with an id-like path", "https://example.org/abs/2410.12345"],
    ["empty text", ""],
  ])("finds nothing in %s", (_case, text) => {
    expect(arxivIdOf(text)).toBeUndefined();
  });
});
