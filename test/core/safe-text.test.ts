import { describe, expect, it } from "vitest";
import type { Reply } from "../../src/core/commands/reply.js";
import { safeReply } from "../../src/core/safe-reply.js";
import { safeJson, safeLine, safeText } from "../../src/core/safe-text.js";
import { forbiddenCharacterIn, HOSTILE_STRINGS, hostileReply, oneLine } from "../helpers/hostile-strings.js";

describe("safeText", () => {
  it.each(HOSTILE_STRINGS)("$name: keeps only the visible text", ({ input, shows }) => {
    expect(safeText(input)).toBe(shows);
  });

  it.each(HOSTILE_STRINGS)("$name: gives the same text when applied again", ({ input }) => {
    const once = safeText(input);
    expect(safeText(once)).toBe(once);
    expect(safeLine(safeLine(input))).toBe(safeLine(input));
  });

  it("returns plain text unchanged, line breaks and tabs included", () => {
    const text = "Attention is all you need\n\tVaswani et al. — Schrödinger, 🚀, 日本語";
    expect(safeText(text)).toBe(text);
  });

  it("turns CR LF and a lone CR into one line break", () => {
    expect(safeText("a\r\nb\rc\n")).toBe("a\nb\nc\n");
  });

  it("keeps an unterminated OSC's text visible rather than swallowing the rest", () => {
    expect(safeText("\u001b]0;Deep learning survey")).toBe("0;Deep learning survey");
  });

  it("keeps the letters of mis-decoded UTF-8 whose bytes look like 8-bit controls", () => {
    // “quoted” read as Latin-1: the U+009C and U+009D must not remove the text between them.
    expect(safeText("â\u0080\u009cquotedâ\u0080\u009d word")).toBe("âquotedâ word");
  });

  it("never throws, even on something that is not a string", () => {
    expect(safeText(undefined as unknown as string)).toBe("");
    expect(safeLine(42 as unknown as string)).toBe("");
  });

  it("finishes on inputs built to make a regex backtrack", () => {
    const inputs = [
      "\u001b]".repeat(100_000),
      `\u001b[${"1;".repeat(200_000)}`,
      `a${"\u200b".repeat(200_000)}b`,
      "x\u0085".repeat(200_000),
    ];
    // A regex that backtracks on these would run for minutes: the test's own timeout catches it.
    for (const input of inputs) expect(forbiddenCharacterIn(safeText(input))).toBeUndefined();
  }, 20_000);
});

describe("safeLine", () => {
  it.each(HOSTILE_STRINGS)("$name: one line, nothing hostile", ({ input, shows }) => {
    expect(safeLine(input)).toBe(oneLine(shows));
  });

  it("turns tabs into spaces too", () => {
    expect(safeLine("a\tb\nc")).toBe("a b c");
  });
});

describe("safeJson", () => {
  it.each(HOSTILE_STRINGS)("$name: parses back to the same value, with nothing hostile raw", ({ input }) => {
    const value = { title: input, nested: [input], [input]: 1 };
    for (const json of [JSON.stringify(value), JSON.stringify(value, null, 2)]) {
      const safe = safeJson(json);
      expect(forbiddenCharacterIn(safe)).toBeUndefined();
      expect(safe).not.toMatch(/[\u200b-\u200d\u2060\ufeff\u00ad]/);
      expect(JSON.parse(safe)).toEqual(value);
    }
  });
});

describe("safeReply", () => {
  it("sanitises every string a reader sees and leaves button actions alone", () => {
    const reply: Reply = hostileReply("\u202Eevil\u001b[2J");
    reply.buttons.push({ label: "Odd", action: "like:\u202Eid" });
    const safe = safeReply(reply);
    expect(forbiddenCharacterIn(JSON.stringify({ ...safe, buttons: [], cards: [] }))).toBeUndefined();
    const card = safe.cards[0];
    expect(card?.title).toBe("Title evil");
    expect(card?.authors[0]).toBe("Author evil");
    expect(card?.buttons[0]).toEqual({ label: "Like evil", action: "like:2501.00001" });
    expect(safe.buttons.map((button) => button.action)).toEqual(["find:q1:2", "like:\u202Eid"]);
    expect(safe.footer).toBe("Footer evil");
  });

  it("puts a hostile title's line breaks on one line, and keeps them in paragraphs", () => {
    const safe = safeReply({ ...hostileReply("a\r\nb"), lines: ["x\ny"] });
    expect(safe.title).toBe("Heading a b");
    expect(safe.cards[0]?.title).toBe("Title a b");
    expect(safe.cards[0]?.excerpt).toBe("Excerpt a\nb");
    expect(safe.lines).toEqual(["x\ny"]);
  });
});
