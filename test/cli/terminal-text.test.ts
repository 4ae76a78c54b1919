import { describe, expect, it } from "vitest";
import { stripControls } from "../../src/cli/terminal-text.js";

describe("text printed on a terminal", () => {
  it("turns escape sequences, C1 controls and line breaks into spaces", () => {
    expect(stripControls("Clear\u001b[2J the\u0085screen\nnow\ttoo")).toBe("Clear [2J the screen now too");
  });

  it("keeps line breaks when asked, and nothing else", () => {
    expect(stripControls("Title\u0007\nAbstract\r", { keepNewlines: true })).toBe("Title \nAbstract ");
  });

  it("leaves ordinary text, accents and emoji alone", () => {
    expect(stripControls("Schrödinger bridges 🚀")).toBe("Schrödinger bridges 🚀");
  });
});
