import { describe, expect, it } from "vitest";
import { renderReply } from "../../../src/bots/telegram/render.js";
import {
  forbiddenCharacterIn,
  HOSTILE_STRINGS,
  hostileReply,
  oneLine,
} from "../../helpers/hostile-strings.js";
import { parseTelegramHtml } from "./fake-telegram.js";

describe.each(HOSTILE_STRINGS)("Telegram, with $name", ({ input, shows, absent }) => {
  it("renders valid HTML with nothing hostile and the visible text intact", () => {
    for (const kind of ["papers", "error"] as const) {
      const messages = renderReply(hostileReply(input, kind));
      const labels = messages.flatMap(
        (message) => message.reply_markup?.inline_keyboard.flat().map((button) => button.text) ?? [],
      );
      for (const text of [...messages.map((message) => message.text), ...labels]) {
        expect(forbiddenCharacterIn(text)).toBeUndefined();
        for (const gone of absent ?? []) expect(text).not.toContain(gone);
      }
      const seen = messages
        .map((message) => {
          const parsed = parseTelegramHtml(message.text);
          if ("error" in parsed) throw new Error(parsed.error);
          return parsed.text;
        })
        .join("\n");
      for (const field of ["Heading", "Title", "Author", "Why", "Footer"])
        expect(seen).toContain(`${field} ${oneLine(shows)}`);
      expect(seen).toContain(`Line ${shows}`);
      expect(seen).toContain(`Excerpt ${shows}`);
      expect(labels).toContain(`Next ${oneLine(shows)}`);
    }
  });
});
