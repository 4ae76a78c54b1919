import { describe, expect, it } from "vitest";
import { stripControls, terminalJson } from "../../src/cli/terminal-text.js";

describe("text printed on a terminal", () => {
  it("removes escape sequences and C1 controls, and puts spaces for line breaks and tabs", () => {
    expect(stripControls("Clear\u001b[2J the\u0085screen\nnow\ttoo\u0007")).toBe("Clear the screen now too");
  });

  it("keeps line breaks when asked, turning a carriage return into one", () => {
    expect(stripControls("Title\u0007\nAbstract\r\nend\rhere", { keepNewlines: true })).toBe(
      "Title\nAbstract\nend\nhere",
    );
  });

  it("leaves ordinary text, accents and emoji alone", () => {
    expect(stripControls("Schrödinger bridges 🚀")).toBe("Schrödinger bridges 🚀");
  });
});

describe("JSON printed on a terminal", () => {
  it("escapes what a terminal would act on or hide, and parses back to the same value", () => {
    const value = { title: "abc\u202Eexe.pdf \u009b2J \u200bx", abstract: "Line\nbreak" };
    const json = terminalJson(value, 2);
    expect(json).not.toMatch(/[\u0080-\u009f\u202e\u200b]/);
    expect(json).toContain("\\u202e");
    expect(JSON.parse(json)).toEqual(value);
  });
});
