import { embedLength } from "discord.js";
import { afterEach, describe, expect, it } from "vitest";
import { DISCORD_LIMITS, renderReply, type DiscordMessage } from "../../../src/bots/discord/render.js";
import type { Reply } from "../../../src/core/commands/reply.js";
import {
  chatCommand,
  infoReply,
  options,
  paperCard,
  papersReply,
  startHarness,
  type Harness,
} from "./fake-discord.js";

const longCard = (n: number) =>
  paperCard(n, {
    title: `A very long title about sparse mixture-of-experts routing ${"and more ".repeat(40)}`,
    excerpt: "word ".repeat(2000),
    authors: Array.from({ length: 40 }, (_, i) => `Author Number ${i}`),
    why: "matches “mixture of experts”, ".repeat(30),
    matched: Array.from({ length: 30 }, (_, i) => `term${i}`),
  });

function expectWithinLimits(message: DiscordMessage): void {
  expect(message.embeds.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedsPerMessage);
  expect(message.embeds.reduce((sum, embed) => sum + embedLength(embed), 0)).toBeLessThanOrEqual(6000);
  expect(message.content?.length ?? 0).toBeLessThanOrEqual(2000);
  expect(message.components.length).toBeLessThanOrEqual(5);
  expect(message.allowedMentions).toEqual({ parse: [] });
  for (const embed of message.embeds) {
    expect(embed.title?.length ?? 0).toBeLessThanOrEqual(256);
    expect(embed.description?.length ?? 0).toBeLessThanOrEqual(4096);
    expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(25);
    for (const field of embed.fields ?? []) expect(field.value.length).toBeLessThanOrEqual(1024);
  }
  for (const row of message.components) {
    expect(row.components.length).toBeLessThanOrEqual(5);
    const ids = row.components.map((button) => ("custom_id" in button ? button.custom_id : ""));
    for (const id of ids) expect(id.length).toBeLessThanOrEqual(100);
  }
}

describe("renderReply", () => {
  it("splits 12 long cards across messages, each within Discord's limits, keeping every card", () => {
    const messages = renderReply({
      ...papersReply(12),
      cards: Array.from({ length: 12 }, (_, i) => longCard(i + 1)),
    });
    expect(messages.length).toBeGreaterThan(1);
    messages.forEach(expectWithinLimits);
    const titles = messages.flatMap((message) => message.embeds.map((embed) => embed.title?.split(".")[0]));
    expect(titles).toEqual(Array.from({ length: 12 }, (_, i) => String(i + 1)));
    expect(messages.at(-1)?.components.at(-1)?.components[0]).toMatchObject({ custom_id: "find:tok123:2" });
  });

  it("puts at most five cards with buttons in one message (five rows)", () => {
    const messages = renderReply(papersReply(12));
    messages.forEach(expectWithinLimits);
    expect(messages.map((message) => message.embeds.length)).toEqual([5, 5, 2]);
  });

  it("numbers each card's buttons so they are told apart", () => {
    const [message] = renderReply(papersReply(2, { buttons: [] }));
    const labels = message?.components.map((row) =>
      row.components.map((button) => ("label" in button ? button.label : "")),
    );
    expect(labels).toEqual([
      ["#1 👍", "#1 👎", "#1 More like this"],
      ["#2 👍", "#2 👎", "#2 More like this"],
    ]);
  });

  it("shows hostile text literally: no mention, no markdown, no masked link", () => {
    const reply: Reply = {
      ...papersReply(1, { title: "@everyone **FREE** <@123456789012345678>" }),
      lines: ["[click me](https://evil.example) # heading @here"],
      cards: [paperCard(1, { title: "@everyone __bold__ `code`", excerpt: "@here ||spoiler|| *x*" })],
    };
    const [message] = renderReply(reply);
    expect(message?.content).not.toMatch(/@everyone|@here|<@\d/);
    expect(message?.content).toContain("\\*\\*FREE\\*\\*");
    expect(message?.content).toContain("\\[click me\\]");
    expect(message?.embeds[0]?.title).toContain("\\_\\_bold\\_\\_");
    expect(message?.embeds[0]?.title).not.toContain("@everyone");
    expect(message?.embeds[0]?.description).toContain("\\|\\|spoiler\\|\\|");
  });

  it("truncates a 5,000-character abstract with an ellipsis", () => {
    const [message] = renderReply(papersReply(1, {}, { excerpt: "a".repeat(5000) }));
    const description = message?.embeds[0]?.description ?? "";
    expect(description.length).toBeLessThanOrEqual(1000);
    expect(description.endsWith("…")).toBe(true);
  });

  it("splits long text over several messages of at most 2000 characters", () => {
    const lines = Array.from({ length: 60 }, (_, i) => `${i}: ${"lorem ipsum ".repeat(8)}`);
    const messages = renderReply(infoReply(...lines, "z".repeat(4500)));
    expect(messages.length).toBeGreaterThanOrEqual(4);
    messages.forEach(expectWithinLimits);
    expect(messages.map((message) => message.content).join("\n")).toContain(lines[59]);
  });

  it("leaves out a button whose action is too long for a custom id rather than failing the message", () => {
    const [message] = renderReply({
      ...infoReply("hi"),
      buttons: [
        { label: "Go", action: "x".repeat(101) },
        { label: "Ok", action: "ok" },
      ],
    });
    expect(message?.components.flatMap((row) => row.components)).toMatchObject([{ custom_id: "ok" }]);
  });

  it("drops a card link that is not http(s)", () => {
    const [message] = renderReply(papersReply(1, {}, { url: "javascript:alert(1)" }));
    expect(message?.embeds[0]?.url).toBeUndefined();
  });

  it("never sends an empty message", () => {
    expect(renderReply(infoReply())).toMatchObject([{ content: "Done." }]);
  });

  it("marks errors", () => {
    const [message] = renderReply({
      kind: "error",
      title: "Unknown time zone “Mars/Olympus”",
      lines: ["Use an IANA name like Europe/Paris."],
      cards: [],
      buttons: [],
    });
    expect(message?.content).toMatch(/^⚠️ \*\*Unknown time zone/);
  });
});

describe("long replies through a real client", () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it("edits the first message and follows up privately with the rest, never pinging", async () => {
    h = await startHarness();
    h.service.on("find", {
      ...papersReply(12),
      title: "@everyone results",
      cards: Array.from({ length: 12 }, (_, i) => longCard(i + 1)),
    });
    await h.inject(chatCommand("find", [], options({ query: "@everyone moe" })));

    expect(h.service.runs[0]?.input).toBe("find @everyone moe");
    const edits = h.fake.find("PATCH", /\/messages\/@original$/);
    const followUps = h.fake.find("POST", /^\/webhooks\//);
    expect(edits).toHaveLength(1);
    expect(followUps.length).toBeGreaterThan(0);
    for (const followUp of followUps) expect(followUp.body.flags).toBe(64);
    const bodies = [...edits, ...followUps].map((request) => request.body);
    expect(bodies.flatMap((body) => body.embeds)).toHaveLength(12);
    for (const body of bodies) {
      expect(body.allowed_mentions).toEqual({ parse: [] });
      expect(body.embeds.length).toBeLessThanOrEqual(10);
      expect(
        body.embeds.reduce(
          (sum: number, embed: Parameters<typeof embedLength>[0]) => sum + embedLength(embed),
          0,
        ),
      ).toBeLessThanOrEqual(6000);
    }
  });
});
