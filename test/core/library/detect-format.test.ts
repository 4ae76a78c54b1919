import { describe, expect, it } from "vitest";
import { detectFormat } from "../../../src/core/library/detect-format.js";

describe("detectFormat", () => {
  it("tells the formats apart by content", () => {
    expect(detectFormat('% JabRef\n@Article{k,\n  title = "A"\n}')).toBe("bibtex");
    expect(detectFormat("\nTY  - JOUR\nTI  - A\nER  - ")).toBe("ris");
    expect(detectFormat('  [{"title": "A"}]')).toBe("csl-json");
    expect(detectFormat('{"items": []}')).toBe("csl-json");
    expect(detectFormat("2410.12345\nhttps://arxiv.org/abs/1706.03762")).toBe("ids");
  });

  it("goes by the marker met first, so an abstract quoting the other format does not flip it", () => {
    const bibtex = "@article{k,\n  abstract = {Lines such as\nTY  - JOUR\nstart a RIS record.}\n}";
    expect(detectFormat(bibtex)).toBe("bibtex");
    const ris = "TY  - JOUR\nAB  - Entries look like\n@article{k, title = {A}}\nER  - ";
    expect(detectFormat(ris)).toBe("ris");
  });

  it("does not take an e-mail address or a mention for BibTeX", () => {
    expect(detectFormat("@alice sent me 2410.12345")).toBe("ids");
  });
});
