import { beforeEach, describe, expect, it } from "vitest";
import type { Reply } from "../../../src/core/commands/reply.js";
import { StoreWriteError } from "../../../src/core/store/errors.js";
import { channelContext, harness, type Harness, NOW, USER, userContext } from "./harness.js";

const userKey = "telegram:user:7";
const channelKey = "discord:channel:900";
const text = (reply: Reply): string => [reply.title ?? "", ...reply.lines, reply.footer ?? ""].join("\n");

let h: Harness;
beforeEach(async () => {
  h = await harness();
});

describe("help and unknown commands", () => {
  it("lists every command with its form", async () => {
    const reply = await h.run("help");
    expect(reply.kind).toBe("info");
    for (const form of [
      "/find <query> [--days N]",
      "/interests add",
      "/subscribe [time HH:MM]",
      "/similar <id | arXiv URL>",
    ]) {
      expect(text(reply)).toContain(form);
    }
  });

  it("suggests the closest command for a typo", async () => {
    const reply = await h.run("subscrbe time 08:00");
    expect(reply.kind).toBe("error");
    expect(text(reply)).toContain("Did you mean /subscribe?");
  });

  it("answers empty input with an error naming a valid form", async () => {
    const reply = await h.run("   ");
    expect(reply.kind).toBe("error");
    expect(text(reply)).toContain("/help");
  });

  it("logs and apologises when something fails underneath, without throwing", async () => {
    const broken = {
      ...userContext(),
      target: { platform: "discord" as const, kind: "channel" as const, id: "1" },
      canManage: async () => Promise.reject(new Error("platform down")),
    };
    const reply = await h.run("interests add rl", broken);
    expect(reply.kind).toBe("error");
    expect(text(reply)).toMatch(/went wrong/);
    expect(h.errors).toHaveLength(1);
  });
});

describe("interests", () => {
  it("adds, merges duplicates, lists, removes by number and by phrase, and clears", async () => {
    expect(
      (await h.run("interests add graph neural networks; Few-shot learning; GRAPH NEURAL NETWORKS")).kind,
    ).toBe("info");
    expect((await h.store.profiles.get(userKey))?.interests).toEqual([
      "graph neural networks",
      "Few-shot learning",
    ]);
    const list = await h.run("interests list");
    expect(list.lines).toEqual(["1. graph neural networks", "2. Few-shot learning"]);
    await h.run("interests remove 1");
    await h.run("interests remove few-shot LEARNING");
    expect((await h.store.profiles.get(userKey))?.interests).toEqual([]);
    await h.run("interests add rl");
    await h.run("interests clear");
    expect(await h.service.interestsOf(USER)).toEqual([]);
  });

  it("answers that a change was not saved when the store refuses it, and keeps nothing of it", async () => {
    const update = h.store.profiles.update.bind(h.store.profiles);
    h.store.profiles.update = () =>
      Promise.reject(new StoreWriteError("memory:test", { cause: new Error("ENOSPC") }));
    expect(text(await h.run("interests add diffusion models"))).toMatch(
      /not saved.*try the same command again/,
    );
    expect(await h.store.profiles.get(userKey)).toBeUndefined();
    h.store.profiles.update = update;
    expect(text(await h.run("interests add diffusion models"))).toMatch(/Added/);
    expect((await h.store.profiles.get(userKey))?.interests).toEqual(["diffusion models"]);
  });

  it.each([
    ["interests add", /interests add graph neural networks/],
    ["interests add ;;", /interests add/],
    [`interests add ${"x".repeat(201)}`, /at most 200 characters/],
    ["interests remove", /interests remove <phrase \| number>/],
    ["interests remove 9", /interests remove <phrase \| number>/],
    ["interests sort", /interests add <phrase>/],
  ])("refuses %s with the valid form", async (input, form) => {
    const reply = await h.run(input);
    expect(reply.kind).toBe("error");
    expect(text(reply)).toMatch(form);
  });

  it("refuses a 26th interest and keeps the 25", async () => {
    await h.run(`interests add ${Array.from({ length: 25 }, (_, i) => `topic ${i}`).join("; ")}`);
    const reply = await h.run("interests add one more");
    expect(reply.kind).toBe("error");
    expect(text(reply)).toMatch(/at most 25/);
    expect((await h.store.profiles.get(userKey))?.interests).toHaveLength(25);
  });
});

describe("find", () => {
  it("pages results five at a time with a Next page button", async () => {
    const first = await h.run("find language models");
    expect(first.kind).toBe("papers");
    expect(first.cards).toHaveLength(5);
    expect(first.footer).toMatch(/^Page 1 of \d+/);
    const next = first.buttons.find((button) => button.label === "Next page");
    expect(next?.action).toMatch(/^find:[\w-]+:2$/);
    const second = await h.action(next?.action ?? "");
    expect(second.footer).toMatch(/^Page 2 of/);
    expect(second.cards[0]?.id).not.toBe(first.cards[0]?.id);
    expect(second.buttons.some((button) => button.label === "Previous page")).toBe(true);
  });

  it("keeps only recent papers with --days N", async () => {
    const reply = await h.run("find graph neural networks --days 7");
    expect(reply.cards.map((card) => card.id)).toEqual(["2410.12345"]);
  });

  it("puts like, dislike and more-like-this buttons on every card, with a short excerpt", async () => {
    const reply = await h.run("find language models");
    for (const card of reply.cards) {
      expect(card.buttons.map((b) => b.action)).toEqual([
        `like:${card.id}`,
        `dislike:${card.id}`,
        `similar:${card.id}`,
        `save:${card.id}`,
      ]);
      expect(card.excerpt.length).toBeLessThanOrEqual(301);
    }
  });

  it.each([
    ["find", /find <query> \[--days N\]/],
    ["find rl --days 0", /--days takes a whole number/],
    ["find rl --days soon", /--days takes a whole number/],
    ["find rl --limit 3", /Only --days N/],
  ])("refuses %s with the valid form", async (input, form) => {
    const reply = await h.run(input);
    expect(reply.kind).toBe("error");
    expect(text(reply)).toMatch(form);
  });

  it("says when a page button's search has expired", async () => {
    const reply = await h.action("find:nosuchtoken:2");
    expect(reply.kind).toBe("error");
    expect(text(reply)).toMatch(/expired.*\/find/);
  });
});

describe("subscribe, settings, unsubscribe", () => {
  it("subscribes with the defaults, every day", async () => {
    const reply = await h.run("subscribe");
    expect(reply.kind).toBe("info");
    expect(await h.store.subscriptions.get(userKey)).toMatchObject({
      time: "08:00",
      timezone: "UTC",
      days: "daily",
      count: 5,
      chatId: "chat-7",
      ownerId: "7",
      createdAt: NOW.toISOString(),
    });
  });

  it("takes keyword–value pairs in any order and canonicalises them", async () => {
    await h.run("subscribe days weekdays count 3 tz europe/paris time 7:30");
    expect(await h.store.subscriptions.get(userKey)).toMatchObject({
      time: "07:30",
      timezone: "Europe/Paris",
      days: "weekdays",
      count: 3,
    });
    await h.run("subscribe count 7");
    expect(await h.store.subscriptions.get(userKey)).toMatchObject({ time: "07:30", count: 7 });
  });

  it("turns the quiet-day note off and on again, keeping it across other changes", async () => {
    await h.run("subscribe");
    expect((await h.store.subscriptions.get(userKey))?.quietNote).toBe(true);
    const off = await h.run("subscribe note off time 9:05");
    expect(text(off)).toMatch(/nothing on quiet days \(note off\)/);
    expect(await h.store.subscriptions.get(userKey)).toMatchObject({ quietNote: false, time: "09:05" });
    await h.run("subscribe count 3");
    expect((await h.store.subscriptions.get(userKey))?.quietNote).toBe(false);
    expect(text(await h.run("settings"))).toMatch(/note off/);
    await h.run("subscribe NOTE On");
    expect((await h.store.subscriptions.get(userKey))?.quietNote).toBe(true);
    expect(text(await h.run("settings"))).toMatch(/short note on quiet days \(note on\)/);
  });

  it("names every subscribe option in help and in settings when there is no digest", async () => {
    expect(text(await h.run("help"))).toContain("[days daily|weekdays] [note on|off]");
    expect(text(await h.run("settings"))).toMatch(
      /Digest: off\. \/subscribe .*\[note on\|off\] \[threads on\|off\] starts one/,
    );
  });

  it("clears a pause", async () => {
    await h.run("subscribe");
    await h.store.subscriptions.pause(userKey, "blocked", NOW);
    const reply = await h.run("subscribe");
    expect(text(reply)).toMatch(/back on/);
    expect((await h.store.subscriptions.get(userKey))?.paused).toBeUndefined();
  });

  it.each([
    ["subscribe time 25:00", /HH:MM/],
    ["subscribe time 8", /HH:MM/],
    ["subscribe tz Paris", /Did you mean Europe\/Paris\?/],
    ["subscribe tz Mars/Olympus", /Area\/City/],
    ["subscribe count 11", /from 1 to 10/],
    ["subscribe count 0", /from 1 to 10/],
    ["subscribe days monthly", /daily or weekdays/],
    ["subscribe time", /needs a value/],
    ["subscribe at 08:00", /subscribe \[time HH:MM\]/],
    ["subscribe count 3 count 4", /given twice/],
    ["subscribe note maybe", /note is on or off[\s\S]*note off/],
    ["subscribe note", /needs a value/],
  ])("refuses %s with the valid form and changes nothing", async (input, form) => {
    const reply = await h.run(input);
    expect(reply.kind).toBe("error");
    expect(text(reply)).toMatch(form);
    expect(await h.store.subscriptions.get(userKey)).toBeUndefined();
  });

  it("shows settings and unsubscribes, keeping interests", async () => {
    await h.run("interests add diffusion models");
    await h.run("subscribe time 06:15 tz Asia/Tokyo");
    expect(text(await h.run("settings"))).toMatch(
      /5 papers every day at 06:15 \(Asia\/Tokyo\)[\s\S]*diffusion models/,
    );
    await h.run("unsubscribe");
    expect(await h.store.subscriptions.get(userKey)).toBeUndefined();
    expect((await h.store.profiles.get(userKey))?.interests).toEqual(["diffusion models"]);
    expect(text(await h.run("settings"))).toMatch(/Digest: off/);
  });
});

describe("channels", () => {
  it("refuses politely when the person cannot manage the channel, and changes nothing", async () => {
    for (const input of ["interests add rl", "interests remove 1", "interests clear", "subscribe"]) {
      const reply = await h.run(input, channelContext(false));
      expect(reply.kind).toBe("error");
      expect(text(reply)).toMatch(/only people who manage this channel/i);
    }
    expect(await h.store.profiles.get(channelKey)).toBeUndefined();
    expect(await h.store.subscriptions.get(channelKey)).toBeUndefined();
  });

  it("lets managers change the channel, and anyone read it", async () => {
    await h.run("interests add language models", channelContext(true));
    await h.run("subscribe time 09:00", channelContext(true));
    expect(await h.store.subscriptions.get(channelKey)).toMatchObject({
      chatId: "900",
      ownerId: "55",
      time: "09:00",
    });
    const list = await h.run("interests list", channelContext(false));
    expect(list.lines).toEqual(["1. language models"]);
  });

  it("counts any member's 👍 under a channel digest as their vote, and the channel follows the balance", async () => {
    const reply = await h.action("like:2410.12345", channelContext(false));
    expect(text(reply)).toMatch(/1 👍 · 0 👎 from this channel's members/);
    expect(reply.votes).toEqual({ paperId: "2410.12345", up: 1, down: 0 });
    expect((await h.store.profiles.get(channelKey))?.liked).toEqual(["2410.12345"]);
    expect(await h.store.profiles.get("discord:user:55")).toBeUndefined();
  });
});

describe("feedback, similar, paper, picks", () => {
  it("records likes and dislikes, a paper moving from one list to the other", async () => {
    await h.run("like 2410.12345v2");
    expect((await h.store.profiles.get(userKey))?.liked).toEqual(["2410.12345"]);
    await h.action("dislike:2410.12345");
    expect(await h.store.profiles.get(userKey)).toMatchObject({ liked: [], disliked: ["2410.12345"] });
  });

  it.each([
    "https://arxiv.org/abs/2410.12345v2",
    "https://arxiv.org/pdf/2410.12345",
    "arXiv:2410.12345",
    "2410.12345",
  ])("finds similar papers for %s", async (ref) => {
    const reply = await h.run(`similar ${ref}`);
    expect(reply.kind).toBe("papers");
    expect(reply.cards[0]?.id).toBe("2410.54321");
    expect(reply.cards.some((card) => card.id === "2410.12345")).toBe(false);
  });

  it.each([
    ["like", /Name a paper/],
    ["like 2499.99999", /No paper with id 2499.99999/],
    ["similar https://example.com/paper", /not a paper id or arXiv link/],
    ["paper not-an-id", /arXiv id like 2410.12345/],
    ["dislike hf-00000000", /No paper with id hf-00000000/],
  ])("refuses %s naming the valid form", async (input, form) => {
    const reply = await h.run(input);
    expect(reply.kind).toBe("error");
    expect(text(reply)).toMatch(form);
  });

  it("shows one paper", async () => {
    const reply = await h.run("paper 2410.12345");
    expect(reply.cards[0]).toMatchObject({
      id: "2410.12345",
      url: "https://arxiv.org/abs/2410.12345",
      authors: ["Ada Lovelace"],
    });
  });

  it("previews picks with their explanation, and asks for interests first", async () => {
    expect(text(await h.run("picks"))).toMatch(/\/interests add/);
    await h.run("interests add graph neural networks; language models");
    const reply = await h.run("picks");
    expect(reply.kind).toBe("papers");
    expect(reply.cards.length).toBeGreaterThan(0);
    expect(reply.cards.length).toBeLessThanOrEqual(5);
    expect(reply.cards[0]?.why).toMatch(/matches your interest “(graph neural networks|language models)”/);
    expect(reply.cards.some((card) => card.id === "2410.54321")).toBe(false); // published two months ago
  });

  it("lets a dislike change the very next picks", async () => {
    await h.run("interests add graph neural networks");
    const before = (await h.run("picks")).cards.map((card) => card.id);
    expect(before[0]).toBe("2410.12345");
    await h.action("dislike:2410.12345");
    const after = (await h.run("picks")).cards.map((card) => card.id);
    expect(after).not.toContain("2410.12345");
  });

  it("refuses unknown button actions", async () => {
    const reply = await h.action("launch:rockets");
    expect(reply.kind).toBe("error");
  });
});
