import { describe, expect, it } from "vitest";
import { safeHttpUrl } from "../../src/bots/url.js";

describe("safeHttpUrl", () => {
  it("keeps absolute http and https addresses, normalized", () => {
    expect(safeHttpUrl("https://arxiv.org/abs/2410.10001")).toBe("https://arxiv.org/abs/2410.10001");
    expect(safeHttpUrl("HTTP://Example.org")).toBe("http://example.org/");
  });

  it.each([undefined, "", "javascript:alert(1)", "/abs/2410.10001", "not a url", "ftp://arxiv.org/x"])(
    "refuses %j",
    (url) => {
      expect(safeHttpUrl(url)).toBeUndefined();
    },
  );

  it("refuses an address longer than the given cap", () => {
    const url = `https://arxiv.org/${"a".repeat(2048)}`;
    expect(safeHttpUrl(url)).toBe(url);
    expect(safeHttpUrl(url, 2048)).toBeUndefined();
  });
});
