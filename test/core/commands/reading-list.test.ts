import { beforeEach, describe, expect, it } from "vitest";
import type { CommandContext } from "../../../src/core/commands/context.js";
import type { Reply } from "../../../src/core/commands/reply.js";
import { parseLibrary } from "../../../src/core/library/parse-library.js";
import {
  allPapers,
  ARXIV_PAPERS,
  channelContext,
  harness,
  type Harness,
  NOW,
  userContext,
} from "./harness.js";

const userKey = "telegram:user:7";
const channelKey = "discord:channel:900";
const text = (reply: Reply): string => [reply.title ?? "", ...reply.lines, reply.footer ?? ""].join("\n");
const member = (userId: string, canManage = false, userName?: string): CommandContext => ({
  ...channelContext(canManage),
  userId,
  ...(userName !== undefined && { userName }),
});
const whys = (reply: Reply) => reply.cards.map((card) => card.why);
const today = `saved ${NOW.toISOString().slice(0, 10)}`;

let h: Harness;
beforeEach(async () => {
  h = await harness();
});

describe("reading list", () => {
  it("saves from the 🔖 button and /save, lists newest first, and refuses a second copy", async () => {
    expect(text(await h.action("save:2410.12345"))).toMatch(
      /🔖 Saved “Graph neural networks for traffic forecasting” to your reading list/,
    );
    expect(text(await h.run("save https://arxiv.org/abs/2410.54321v2"))).toMatch(/Saved/);
    expect(text(await h.run("save 2410.12345"))).toMatch(/is on your reading list already/);
    const saved = await h.run("saved");
    expect(saved.cards.map((card) => card.id)).toEqual(["2410.54321", "2410.12345"]);
    expect(saved.cards[0]?.why).toBe(`saved ${NOW.toISOString().slice(0, 10)}`);
    expect(saved.footer).toMatch(/Page 1 of 1 · 2 papers/);
  });

  it("pages a long list with buttons, and answers a page past the end", async () => {
    for (const paper of allPapers().slice(0, 7)) await h.run(`save ${paper.id}`);
    const first = await h.run("saved");
    expect(first.cards).toHaveLength(5);
    const next = first.buttons.find((button) => button.label === "Next page");
    expect(next?.action).toBe("saved:2");
    expect((await h.action(next?.action ?? "")).cards.length).toBeGreaterThan(0);
    expect((await h.run("saved 99")).kind).toBe("error");
    expect((await h.run("saved two")).kind).toBe("error");
  });

  it("unsaves, and says when a paper was not saved or the id is not one", async () => {
    await h.run("save 2410.12345");
    expect(text(await h.run("unsave 2410.12345"))).toMatch(/Took 2410\.12345 off your reading list/);
    expect((await h.run("unsave 2410.12345")).kind).toBe("error");
    expect(text(await h.run("unsave not-an-id"))).toMatch(/\/unsave <id>/);
    expect(text(await h.run("saved"))).toMatch(/Nothing on your reading list yet/);
  });

  it("in a channel: any member saves, the list says who, and only the saver or a manager unsaves", async () => {
    await h.action("save:2410.12345", member("55"));
    const saved = await h.run("saved", member("66"));
    expect(saved.cards[0]?.why).toMatch(/saved .* by 55/);
    expect(text(await h.run("unsave 2410.12345", member("66")))).toMatch(/Only whoever saved a paper/);
    expect(text(await h.run("unsave 2410.12345", member("77", true)))).toMatch(
      /Took 2410\.12345 off this channel's reading list/,
    );
    expect((await h.store.readingLists.all(channelKey)).length).toBe(0);
  });
});

describe("who saved a paper, on a channel's list", () => {
  it("shows the saver's name as the platform gave it, and the saver's id for a save without one", async () => {
    await h.store.readingLists.save(channelKey, {
      paperId: "2410.54321",
      savedBy: "44",
      savedAt: "2024-11-20T09:00:00.000Z",
    });
    await h.action("save:2410.12345", member("55", false, "Ada Lovelace"));
    expect(whys(await h.run("saved", member("66")))).toEqual([
      `${today} by Ada Lovelace`,
      "saved 2024-11-20 by 44",
    ]);
    // The first saver stays: a second save by someone else changes nothing.
    await h.run("save 2410.12345", member("77", false, "Grace Hopper"));
    expect(whys(await h.run("saved", member("66")))[0]).toBe(`${today} by Ada Lovelace`);
  });

  it("keeps and shows a name as one safe line of at most 64 characters", async () => {
    const hostile = "\u001b[31mMallory\u202E\n  the\tThird" + "🏳️‍🌈".repeat(80);
    await h.run("save 2410.12345", member("55", false, hostile));
    const stored = (await h.store.readingLists.all(channelKey))[0]?.savedByName ?? "";
    expect(stored.startsWith("Mallory the Third🏳️‍🌈")).toBe(true);
    expect(stored.endsWith("🏳️‍🌈…")).toBe(true);
    expect([...new Intl.Segmenter().segment(stored)]).toHaveLength(64);
    expect(whys(await h.run("saved", member("66")))).toEqual([`${today} by ${stored}`]);
  });

  it("shows a name that is no text at all as the id, and a name stored from elsewhere made safe", async () => {
    await h.run("save 2410.12345", member("55", false, " \u200b\u202e "));
    expect((await h.store.readingLists.all(channelKey))[0]).not.toHaveProperty("savedByName");
    await h.store.readingLists.save(channelKey, {
      paperId: "2410.54321",
      savedBy: "44",
      savedByName: "Eve\u202E\nEvil",
      savedAt: NOW.toISOString(),
    });
    expect(whys(await h.run("saved", member("66")))).toEqual([`${today} by Eve Evil`, `${today} by 55`]);
  });

  it('a user\'s own list says no "by", whatever their name', async () => {
    await h.run("save 2410.12345", { ...userContext(), userName: "Ada Lovelace" });
    expect(whys(await h.run("saved"))).toEqual([today]);
  });
});

describe("export", () => {
  it("sends the list as a BibTeX file that imports back as the same papers", async () => {
    await h.run("save 2410.12345");
    await h.run("save 2410.54321");
    const reply = await h.run("export");
    expect(reply.file?.name).toBe("reading-list.bib");
    const parsed = parseLibrary(reply.file?.text ?? "");
    if ("error" in parsed) throw new Error(parsed.error);
    expect(parsed.entries.map((entry) => entry.arxivId).sort()).toEqual(["2410.12345", "2410.54321"]);
    expect(parsed.entries.map((entry) => entry.title).sort()).toEqual(
      ARXIV_PAPERS.map((p) => p.title).sort(),
    );
  });

  it("takes ris and csl, names the valid formats for anything else, and says when the list is empty", async () => {
    expect(text(await h.run("export"))).toMatch(/Nothing on your reading list to export yet/);
    await h.run("save 2410.12345");
    expect((await h.run("export ris")).file?.name).toBe("reading-list.ris");
    expect((await h.run("export CSL")).file?.name).toBe("reading-list.json");
    const bad = await h.run("export pdf");
    expect(bad.kind).toBe("error");
    expect(text(bad)).toMatch(/\/export \[bibtex\|ris\|csl\]/);
  });
});

describe("votes under a channel digest", () => {
  it("counts each member once, replaces a changed vote, and the channel's picks follow the balance", async () => {
    await h.action("like:2410.12345", member("1"));
    await h.action("like:2410.12345", member("2"));
    let reply = await h.action("dislike:2410.12345", member("3"));
    expect(reply.votes).toEqual({ paperId: "2410.12345", up: 2, down: 1 });
    expect((await h.store.profiles.get(channelKey))?.liked).toEqual(["2410.12345"]);
    await h.action("dislike:2410.12345", member("1"));
    reply = await h.action("dislike:2410.12345", member("1"));
    expect(reply.votes).toEqual({ paperId: "2410.12345", up: 1, down: 2 });
    expect((await h.store.profiles.get(channelKey))?.disliked).toEqual(["2410.12345"]);
    await h.action("like:2410.12345", member("3"));
    reply = await h.action("dislike:2410.12345", member("4"));
    expect(reply.votes).toEqual({ paperId: "2410.12345", up: 2, down: 2 });
    const profile = await h.store.profiles.get(channelKey);
    expect([profile?.liked, profile?.disliked]).toEqual([[], []]);
    expect(await h.store.profiles.get(userKey)).toBeUndefined();
  });
});
