import { describe, expect, it } from "vitest";
import { escapeHtml, truncateNodes, toHtml } from "../../../src/bots/telegram/html.js";
import { MESSAGE_BUDGET, renderReply } from "../../../src/bots/telegram/render.js";
import type { Reply } from "../../../src/core/commands/reply.js";
import { parseTelegramHtml } from "./fake-telegram.js";
import { errorReply, paperCard, resultsReply } from "./scripted-service.js";

function visible(html: string): string {
  const parsed = parseTelegramHtml(html);
  if ("error" in parsed) throw new Error(parsed.error);
  return parsed.text;
}

describe("escapeHtml", () => {
  it("escapes the characters Telegram's HTML mode reserves, and quotes for attributes", () => {
    expect(escapeHtml(`<a href="x">&</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;");
  });
});

describe("renderReply", () => {
  it("links titles only to http(s) URLs", () => {
    const cards = [
      paperCard("1", { title: "Safe", url: "https://arxiv.org/abs/1" }),
      paperCard("2", { title: "Script", url: "javascript:alert(1)" }),
      paperCard("3", { title: "Quote", url: 'https://x.org/a"onmouseover="b' }),
    ];
    const [message] = renderReply(resultsReply("q", cards));

    expect(message?.text).toContain('<a href="https://arxiv.org/abs/1">Safe</a>');
    expect(message?.text).not.toContain("javascript:");
    expect(message?.text).toContain("<b>Script</b>");
    expect(message?.text).not.toContain('"onmouseover');
  });

  it("marks error replies so they read as errors", () => {
    const [message] = renderReply(
      errorReply("Unknown time zone “Mars/Base”. Use an IANA name like Europe/Paris."),
    );
    expect(visible(message?.text ?? "")).toBe(
      "⚠️ Unknown time zone “Mars/Base”. Use an IANA name like Europe/Paris.",
    );
  });

  it("cuts one enormous card cleanly, without breaking a tag or an entity", () => {
    const huge = paperCard("2410.99999", {
      title: "&<>".repeat(400),
      excerpt: "a&b<c> ".repeat(5000),
      why: "😀".repeat(1000),
    });
    const messages = renderReply(resultsReply("huge", [huge]));

    for (const message of messages) {
      const text = visible(message.text);
      expect(text.length).toBeLessThanOrEqual(MESSAGE_BUDGET);
      expect(text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    }
    expect(visible(messages[0]?.text ?? "")).toContain("…");
  });

  it("cuts an oversized line of text to one valid message", () => {
    const messages = renderReply(errorReply("<&>".repeat(5000)));
    expect(messages).toHaveLength(1);
    const text = visible(messages[0]?.text ?? "");
    expect(text.length).toBeLessThanOrEqual(MESSAGE_BUDGET);
    expect(text.endsWith("<&>…")).toBe(true);
  });

  it("never produces an empty message", () => {
    const empty: Reply = { kind: "info", lines: [], cards: [], buttons: [] };
    expect(renderReply(empty).map((m) => visible(m.text))).toEqual(["Nothing to show."]);
  });

  it("leaves out buttons whose action exceeds Telegram's 64-byte callback_data", () => {
    const reply = resultsReply("q", [paperCard("1")], `find:${"x".repeat(70)}:2`);
    const [message] = renderReply(reply);
    const actions = message?.reply_markup?.inline_keyboard
      .flat()
      .map((b) => ("callback_data" in b ? b.callback_data : ""));

    expect(actions).toEqual(["like:1", "dislike:1", "similar:1"]);
  });

  it("numbers the buttons when several cards share a message", () => {
    const [message] = renderReply(resultsReply("q", [paperCard("1"), paperCard("2")]));
    const labels = message?.reply_markup?.inline_keyboard.map((row) => row.map((b) => b.text));

    expect(labels).toEqual([
      ["👍 #1", "👎 #1", "More like this #1"],
      ["👍 #2", "👎 #2", "More like this #2"],
      ["Next page"],
    ]);
  });
});

describe("truncateNodes", () => {
  it("keeps nested tags balanced when cutting inside them", () => {
    const html = toHtml(
      truncateNodes([{ tag: "b", children: ["bold & ", { tag: "i", children: ["italic text"] }] }], 10),
    );
    expect(html).toBe("<b>bold &amp; <i>it</i></b>…");
  });
});
