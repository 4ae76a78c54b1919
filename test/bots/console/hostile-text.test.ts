import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { runConsoleChat } from "../../../src/bots/console/chat.js";
import { renderReply } from "../../../src/bots/console/render.js";
import type { CommandService } from "../../../src/core/commands/context.js";
import type { Reply } from "../../../src/core/commands/reply.js";
import {
  forbiddenCharacterIn,
  HOSTILE_STRINGS,
  hostileReply,
  oneLine,
} from "../../helpers/hostile-strings.js";
import { harness } from "../../core/commands/harness.js";

/** A command layer that answers every command and button with the same reply. */
function answering(reply: Reply): CommandService {
  return {
    run: async () => reply,
    runAction: async () => reply,
    interestsOf: async () => [],
    entriesOf: async () => [],
  };
}

async function chat(service: CommandService, lines: string[]): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = "";
  output.on("data", (chunk: Buffer) => (printed += chunk.toString("utf8")));
  const done = runConsoleChat({ input, output, service });
  input.end(`${lines.join("\n")}\n`);
  await done;
  return printed;
}

describe.each(HOSTILE_STRINGS)("console, with $name", ({ input, shows, absent }) => {
  it("prints a reply with nothing hostile and the visible text intact", async () => {
    for (const kind of ["papers", "error"] as const) {
      const printed = await chat(answering(hostileReply(input, kind)), ["/find anything"]);
      expect(printed).toBe(`${renderReply(hostileReply(input, kind))}\n`);
      expect(forbiddenCharacterIn(printed)).toBeUndefined();
      for (const gone of absent ?? []) expect(printed).not.toContain(gone);
      for (const field of ["Heading", "Title", "Author", "Why", "Like", "Next", "Footer"])
        expect(printed).toContain(`${field} ${oneLine(shows)}`);
      expect(printed).toContain(`Line ${shows}`);
      expect(printed).toContain(`Excerpt ${shows}`);
    }
  });
});

describe("console answers to hostile input", () => {
  it("prints no escape sequence a typed command carried into its error reply", async () => {
    const h = await harness();
    const printed = await chat(h.service, [
      "/fnd \u001b]0;pwned\u0007\u001b[2Jgraphs\u202E",
      "/interests add \u001b[31mred\u001b[0m \u202Egnn",
      "/unknown\u009b2J",
    ]);
    expect(forbiddenCharacterIn(printed)).toBeUndefined();
    expect(printed).toContain("Did you mean /find?");
    expect(printed).not.toContain("pwned");
  });

  it("prints a paper id carried by a button as text, not as a control", () => {
    const reply = hostileReply("x");
    reply.buttons.push({ label: "Odd", action: "like:2501.\u001b[2J\u202E1" });
    const printed = renderReply(reply);
    expect(forbiddenCharacterIn(printed)).toBeUndefined();
    expect(printed).toContain("[Odd: /like 2501.1]");
  });
});
