import { describe, expect, it } from "vitest";
import { fitPlain } from "../../../src/bots/discord/plain-text.js";
import { renderReply, type DiscordMessage } from "../../../src/bots/discord/render.js";
import {
  forbiddenCharacterIn,
  HOSTILE_STRINGS,
  hostileReply,
  oneLine,
} from "../../helpers/hostile-strings.js";

/** Every string of the messages a Discord user would see. */
function shownStrings(messages: DiscordMessage[]): string[] {
  return messages.flatMap((message) => [
    message.content ?? "",
    ...message.embeds.flatMap((embed) => [
      embed.title ?? "",
      embed.description ?? "",
      embed.footer?.text ?? "",
      ...(embed.fields ?? []).flatMap((field) => [field.name, field.value]),
    ]),
    ...message.components.flatMap((row) =>
      row.components.map((button) => ("label" in button ? (button.label ?? "") : "")),
    ),
  ]);
}

/** What the reader sees once Discord has applied the markdown escapes and the mention breakers. */
function unescape(text: string): string {
  return text.replace(/\\([\\*_~`|[\]>#+-])/g, "$1").replace(/([@<])\u200b/g, "$1");
}

describe.each(HOSTILE_STRINGS)("Discord, with $name", ({ input, shows, absent }) => {
  it("renders a card and a reply with nothing hostile and the visible text intact", () => {
    for (const kind of ["papers", "error"] as const) {
      const strings = shownStrings(renderReply(hostileReply(input, kind)));
      for (const text of strings) expect(forbiddenCharacterIn(text)).toBeUndefined();
      const all = strings.join("\n");
      for (const text of absent ?? []) expect(all).not.toContain(text);
      const seen = unescape(all);
      for (const field of ["Heading", "Title", "Author", "Why", "Like", "Footer"])
        expect(seen).toContain(`${field} ${oneLine(shows)}`);
      expect(seen).toContain(`Line ${shows}`);
      expect(seen).toContain(`Excerpt ${shows}`);
    }
  });

  it("fits autocomplete choices and labels without anything hostile", () => {
    const choice = fitPlain(`1. ${input}`, 100);
    expect(forbiddenCharacterIn(choice)).toBeUndefined();
    expect(choice).toBe(`1. ${oneLine(shows)}`);
  });
});

describe("Discord mentions and markdown from outside", () => {
  it("never pings and never formats where Discord renders markdown", () => {
    const [message] = renderReply(hostileReply("@everyone **bold** <@123>"));
    // Embed footers and button labels show text as is, so only these places need escapes.
    const rendered = [
      message?.content,
      ...(message?.embeds ?? []).flatMap((embed) => [
        embed.title,
        embed.description,
        ...(embed.fields ?? []).map((field) => field.value),
      ]),
    ].join("\n");
    expect(rendered).toContain("Excerpt @\u200beveryone");
    expect(rendered).not.toMatch(/@everyone|<@123>|(?<!\\)\*\*bold/);
    expect(message?.allowedMentions).toEqual({ parse: [] });
  });
});
