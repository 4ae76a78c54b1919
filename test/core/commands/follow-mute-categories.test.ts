import { beforeEach, describe, expect, it } from "vitest";
import type { Reply } from "../../../src/core/commands/reply.js";
import type { Paper } from "../../../src/core/paper.js";
import { channelContext, harness, type Harness } from "./harness.js";

const userKey = "telegram:user:7";
const text = (reply: Reply): string => [reply.title ?? "", ...reply.lines, reply.footer ?? ""].join("\n");
const ids = (reply: Reply): string[] => reply.cards.map((card) => card.id);

function paper(
  id: string,
  title: string,
  authors: string[],
  categories: string[],
  publishedAt = "2024-12-02T00:00:00Z",
): Paper {
  return {
    id,
    title,
    abstract: `${title}. We study this in depth.`,
    authors,
    categories,
    publishedAt,
    sources: ["arxiv"],
  };
}

const PAPERS: Paper[] = [
  paper("2412.00001", "Graph neural networks for molecules", ["Yann LeCun", "Ada Lovelace"], ["cs.LG"]),
  paper("2412.00002", "Quantum graph neural networks", ["Alan Turing"], ["quant-ph", "cs.LG"]),
  paper("2412.00003", "Graph neural networks for language parsing", ["Grace Hopper"], ["cs.CL"]),
  paper("2412.00004", "A survey of protein folding", ["Y. LeCun"], ["q-bio.BM"]),
  paper("2412.00005", "Graph neural networks in robotics", ["Samy Bengio"], ["cs.RO"]),
  paper("2001.00006", "Energy-based models revisited", ["LeCun, Yann"], ["cs.LG"], "2020-01-02T00:00:00Z"),
];

let h: Harness;
beforeEach(async () => {
  h = await harness(PAPERS);
  await h.run("interests add graph neural networks");
});

describe("follow and unfollow", () => {
  it("follows a name, says how many corpus papers it matches, and lists it in settings", async () => {
    const reply = await h.run("follow Yann LeCun");
    expect(reply.kind).toBe("info");
    expect(text(reply)).toMatch(/3 papers in the corpus match this name/);
    expect(text(reply)).toContain("“A survey of protein folding”");
    expect((await h.store.profiles.get(userKey))?.follows).toEqual(["Yann LeCun"]);
    expect(text(await h.run("settings"))).toContain("Following: Yann LeCun");
  });

  it("knows the other forms of a followed name", async () => {
    await h.run("follow Yann LeCun");
    expect(text(await h.run("follow LeCun, Yann"))).toMatch(/Already following “Yann LeCun”/);
    expect(text(await h.run("unfollow Y. LeCun"))).toMatch(/Stopped following “Yann LeCun”/);
    expect((await h.store.profiles.get(userKey))?.follows).toBeUndefined();
  });

  it("puts a followed author's new papers first, marked, even off-topic, and never old ones", async () => {
    await h.run("follow Y. LeCun");
    const picks = await h.run("picks");
    expect(ids(picks).slice(0, 2).sort()).toEqual(["2412.00001", "2412.00004"]);
    expect(picks.cards[0]?.why).toBe("by Y. LeCun, whom you follow");
    expect(ids(picks)).not.toContain("2001.00006");
  });

  it("says when no paper matches the name, and offers an undo button that works", async () => {
    const reply = await h.run("follow Geoffrey Hinton");
    expect(text(reply)).toMatch(/No paper in the corpus is by this name yet/);
    expect(reply.buttons).toEqual([
      { label: "Undo", action: "unfollow:Geoffrey Hinton", style: "secondary" },
    ]);
    expect(text(await h.action("unfollow:Geoffrey Hinton"))).toMatch(/Stopped following/);
    expect((await h.store.profiles.get(userKey))?.follows).toBeUndefined();
  });

  it("answers empty, hostile and unknown names with the valid form", async () => {
    expect(text(await h.run("follow"))).toMatch(/\/follow <author name>/);
    expect((await h.run("follow !!!")).kind).toBe("error");
    expect((await h.run(`follow ${"x".repeat(5000)}`)).kind).toBe("error");
    const missing = await h.run("unfollow Nobody Here");
    expect(missing.kind).toBe("error");
    expect(text(missing)).toMatch(/\/unfollow <author name>/);
  });

  it("lets only channel managers change a channel's follows", async () => {
    const refused = await h.run("follow Yann LeCun", channelContext(false));
    expect(refused.kind).toBe("error");
    expect(text(refused)).toMatch(/only people who manage this channel/);
    expect(await h.store.profiles.get("discord:channel:900")).toBeUndefined();
  });
});

describe("mute and unmute", () => {
  it("keeps muted papers out of picks while /find still finds them, marked", async () => {
    expect(ids(await h.run("picks"))).toContain("2412.00002");
    const reply = await h.run("mute Quantum");
    expect(reply.buttons[0]?.action).toBe("unmute:Quantum");
    expect(ids(await h.run("picks"))).not.toContain("2412.00002");
    const found = await h.run("find quantum graph");
    const card = found.cards.find((c) => c.id === "2412.00002");
    expect(card?.why).toMatch(/muted \(“Quantum”\)/);
    await h.run("unmute quantum");
    expect(ids(await h.run("picks"))).toContain("2412.00002");
  });

  it("a mute wins over a followed author", async () => {
    await h.run("follow Yann LeCun");
    await h.run("mute protein folding");
    expect(ids(await h.run("picks"))).not.toContain("2412.00004");
  });

  it("refuses a phrase without a searchable word and a second copy of one", async () => {
    expect(text(await h.run("mute"))).toMatch(/\/mute <word or phrase>/);
    expect((await h.run("mute ...")).kind).toBe("error");
    await h.run("mute robotics");
    expect(text(await h.run("mute Robotics"))).toMatch(/muted already/);
    expect(text(await h.run("settings"))).toContain("Muted: robotics");
  });
});

describe("categories", () => {
  it("limits picks to the chosen categories, except followed authors' papers", async () => {
    await h.run("follow Yann LeCun");
    expect(text(await h.run("categories cs.lg"))).toMatch(/cs\.LG only/);
    expect(ids(await h.run("picks")).sort()).toEqual(["2412.00001", "2412.00002", "2412.00004"]);
    expect(text(await h.run("settings"))).toContain("Categories: cs.LG only.");
    await h.run("categories all");
    expect(ids(await h.run("picks"))).toContain("2412.00003");
    expect((await h.store.profiles.get(userKey))?.categories).toBeUndefined();
  });

  it("names the valid categories for an unknown one and changes nothing", async () => {
    const reply = await h.run("categories cs.XY");
    expect(reply.kind).toBe("error");
    expect(text(reply)).toContain("cs.LG");
    expect(text(await h.run("categories"))).toMatch(/every category/);
  });
});
