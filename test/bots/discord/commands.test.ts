import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  USER_ID,
  chatCommand,
  infoReply,
  options,
  papersReply,
  startHarness,
  type Harness,
} from "./fake-discord.js";

const EPHEMERAL = 64;
let h: Harness;

beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

describe("slash commands build the command layer's text", () => {
  const cases: { command: string; sub: string[]; opts: ReturnType<typeof options>; input: string }[] = [
    {
      command: "find",
      sub: [],
      opts: options({ query: "  graph   neural networks " }),
      input: "find graph neural networks",
    },
    {
      command: "find",
      sub: [],
      opts: options({ query: "diffusion", days: 7 }),
      input: "find diffusion --days 7",
    },
    {
      command: "interests",
      sub: ["add"],
      opts: options({ phrase: "rl; few-shot learning" }),
      input: "interests add rl; few-shot learning",
    },
    { command: "interests", sub: ["remove"], opts: options({ phrase: "2" }), input: "interests remove 2" },
    { command: "interests", sub: ["list"], opts: [], input: "interests list" },
    { command: "interests", sub: ["clear"], opts: [], input: "interests clear" },
    { command: "picks", sub: [], opts: [], input: "picks" },
    {
      command: "subscribe",
      sub: [],
      opts: options({ time: "08:00", timezone: "Europe/Paris", count: 5 }),
      input: "subscribe time 08:00 tz Europe/Paris count 5",
    },
    {
      command: "subscribe",
      sub: [],
      opts: options({ timezone: "America/New York" }),
      input: "subscribe tz America/New_York",
    },
    { command: "subscribe", sub: [], opts: options({ days: "weekdays" }), input: "subscribe days weekdays" },
    { command: "subscribe", sub: [], opts: options({ note: "off" }), input: "subscribe note off" },
    { command: "subscribe", sub: [], opts: [], input: "subscribe" },
    { command: "unsubscribe", sub: [], opts: [], input: "unsubscribe" },
    { command: "settings", sub: [], opts: [], input: "settings" },
    { command: "status", sub: [], opts: [], input: "status" },
    {
      command: "similar",
      sub: [],
      opts: options({ paper: "https://arxiv.org/abs/2410.12345" }),
      input: "similar https://arxiv.org/abs/2410.12345",
    },
    { command: "paper", sub: [], opts: options({ id: "2410.12345" }), input: "paper 2410.12345" },
    { command: "help", sub: [], opts: [], input: "help" },
    { command: "follow", sub: [], opts: options({ name: " Yann   LeCun " }), input: "follow Yann LeCun" },
    { command: "unfollow", sub: [], opts: options({ name: "Yann LeCun" }), input: "unfollow Yann LeCun" },
    {
      command: "mute",
      sub: [],
      opts: options({ phrase: "quantum computing" }),
      input: "mute quantum computing",
    },
    { command: "unmute", sub: [], opts: options({ phrase: "quantum" }), input: "unmute quantum" },
    {
      command: "categories",
      sub: [],
      opts: options({ categories: "cs.LG cs.CL" }),
      input: "categories cs.LG cs.CL",
    },
  ];

  it.each(cases)("/$command $sub → $input", async ({ command, sub, opts, input }) => {
    await h.inject(chatCommand(command, sub, opts));
    expect(h.service.runs.map((run) => run.input)).toEqual([input]);
    const ctx = h.service.runs[0]?.ctx;
    expect(ctx?.target).toEqual({ platform: "discord", kind: "user", id: USER_ID });
    expect(ctx?.userId).toBe(USER_ID);
    expect(ctx?.replyChatId).toBe(`user:${USER_ID}`);
    expect(await ctx?.canManage()).toBe(true);
  });
});

describe("personal replies", () => {
  it("defers ephemerally, then edits the reply with the rendered text", async () => {
    h.service.on("interests list", infoReply("Your interests:", "1. graph neural networks"));
    await h.inject(chatCommand("interests", ["list"]));

    const [defer] = h.fake.find("POST", /\/callback$/);
    expect(defer?.body).toEqual({ type: 5, data: { flags: EPHEMERAL } });
    const [edit] = h.fake.find("PATCH", /\/messages\/@original$/);
    expect(edit?.body.content).toBe("Your interests:\n1. graph neural networks");
    expect(edit?.body.allowed_mentions).toEqual({ parse: [] });
  });

  it("shows paper cards as embeds with their buttons and the page button", async () => {
    h.service.on("find", papersReply(2));
    await h.inject(chatCommand("find", [], options({ query: "sparse attention" })));

    const [edit] = h.fake.find("PATCH", /\/messages\/@original$/);
    expect(edit?.body.content).toContain("Results for “sparse attention”");
    expect(edit?.body.embeds).toHaveLength(2);
    expect(edit?.body.embeds[0]).toMatchObject({
      title: "1. Sparse attention for long-context retrieval, part 1",
      url: "https://arxiv.org/abs/2410.10001",
    });
    const fieldNames = edit?.body.embeds[0].fields.map((field: { name: string }) => field.name);
    expect(fieldNames).toEqual(["Authors", "Why it matched", "Score", "Published"]);
    expect(edit?.body.embeds[1].footer.text).toContain("Page 1 of 3");
    const ids = edit?.body.components.map((row: { components: { custom_id: string }[] }) =>
      row.components.map((button) => button.custom_id),
    );
    expect(ids).toEqual([
      ["like:2410.10001", "dislike:2410.10001", "similar:2410.10001"],
      ["like:2410.10002", "dislike:2410.10002", "similar:2410.10002"],
      ["find:tok123:2"],
    ]);
  });

  it("posts publicly, after a private note, when the command layer marks the reply not private", async () => {
    h.service.on("find", papersReply(1, { private: false }));
    await h.inject(chatCommand("find", [], options({ query: "sparse attention" })));

    const [edit] = h.fake.find("PATCH", /\/messages\/@original$/);
    expect(edit?.body.content).toBe("Posted in this channel for everyone.");
    const followUps = h.fake.find("POST", /^\/webhooks\//);
    expect(followUps).toHaveLength(1);
    expect(followUps[0]?.body.embeds).toHaveLength(1);
    expect((followUps[0]?.body.flags ?? 0) & EPHEMERAL).toBe(0);
  });

  it("answers an unknown command with a hint instead of calling the command layer", async () => {
    await h.inject(chatCommand("frobnicate", []));
    expect(h.service.runs).toEqual([]);
    const [reply] = h.fake.find("POST", /\/callback$/);
    expect(reply?.body.type).toBe(4);
    expect(reply?.body.data.content).toContain("/help");
    expect(reply?.body.data.flags).toBe(EPHEMERAL);
  });
});
