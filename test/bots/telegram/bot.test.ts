import { afterEach, describe, expect, it } from "vitest";
import { telegramErrors } from "./fake-telegram.js";
import { buttonActions, type Harness, startHarness, TOKEN, visibleTexts } from "./harness.js";
import {
  errorReply,
  infoReply,
  paperCard,
  resultsReply,
  ScriptedCommandService,
} from "./scripted-service.js";
import {
  ALICE,
  ALICE_DM,
  BOB,
  callbackUpdate,
  channelPostUpdate,
  messageUpdate,
  NEWS_CHANNEL,
  READING_GROUP,
} from "./updates.js";

let harness: Harness;

afterEach(async () => {
  await harness.close();
});

describe("commands in a private chat", () => {
  it("passes /find with its words to the command layer, acting on the user", async () => {
    harness = await startHarness(
      new ScriptedCommandService(() => resultsReply("gnn", [paperCard("2410.00001")])),
    );
    await harness.telegram.bot.handleUpdate(messageUpdate("/find graph neural networks"));

    const { input, ctx } = harness.service.last();
    expect(input).toBe("find graph neural networks");
    expect(ctx.target).toEqual({ platform: "telegram", kind: "user", id: String(ALICE.id) });
    expect(ctx.userId).toBe(String(ALICE.id));
    expect(ctx.replyChatId).toBe(String(ALICE_DM.id));
    expect(await ctx.canManage()).toBe(true);
    expect(visibleTexts(harness.fake, ALICE_DM.id)[0]).toContain(
      "Graph neural networks for paper 2410.00001",
    );
  });

  it("understands /find@paperboy_bot and ignores commands meant for another bot", async () => {
    harness = await startHarness();
    await harness.telegram.bot.handleUpdate(
      messageUpdate("/find@paperboy_bot diffusion models", READING_GROUP),
    );
    await harness.telegram.bot.handleUpdate(messageUpdate("/find@other_bot diffusion models", READING_GROUP));

    expect(harness.service.received.map((r) => r.input)).toEqual(["find diffusion models"]);
  });

  it("sends the bare command name when no argument is given", async () => {
    harness = await startHarness();
    for (const command of ["help", "picks", "settings", "unsubscribe"]) {
      await harness.telegram.bot.handleUpdate(messageUpdate(`/${command}`));
    }
    await harness.telegram.bot.handleUpdate(messageUpdate("/interests add graph neural networks; rl"));
    await harness.telegram.bot.handleUpdate(messageUpdate("/like 2410.00001"));

    expect(harness.service.received.map((r) => r.input)).toEqual([
      "help",
      "picks",
      "settings",
      "unsubscribe",
      "interests add graph neural networks; rl",
      "like 2410.00001",
    ]);
  });

  it("greets a newcomer on /start and asks for interests", async () => {
    harness = await startHarness();
    await harness.telegram.bot.handleUpdate(messageUpdate("/start"));

    const [greeting] = visibleTexts(harness.fake, ALICE_DM.id);
    expect(greeting).toContain("Welcome to paperboy");
    expect(greeting).toContain("/interests add graph neural networks");
  });

  it("answers an unknown command with the help hint", async () => {
    harness = await startHarness();
    await harness.telegram.bot.handleUpdate(messageUpdate("/frobnicate now"));

    expect(harness.service.received).toEqual([]);
    expect(visibleTexts(harness.fake, ALICE_DM.id)[0]).toMatch(/I don't know \/frobnicate\. Send \/help/);
  });
});

describe("commands in groups and channels", () => {
  it("acts on the group, and lets its administrator change it", async () => {
    harness = await startHarness();
    harness.fake.memberStatus.set(`${READING_GROUP.id}:${ALICE.id}`, "administrator");
    await harness.telegram.bot.handleUpdate(
      messageUpdate("/subscribe time 08:00 tz Europe/Paris", READING_GROUP),
    );

    const { input, ctx } = harness.service.last();
    expect(input).toBe("subscribe time 08:00 tz Europe/Paris");
    expect(ctx.target).toEqual({ platform: "telegram", kind: "channel", id: String(READING_GROUP.id) });
    expect(ctx.userId).toBe(String(ALICE.id));
    expect(await ctx.canManage()).toBe(true);
    expect(harness.fake.callsTo("getChatMember")[0]?.payload).toMatchObject({
      chat_id: READING_GROUP.id,
      user_id: ALICE.id,
    });
  });

  it("reports a plain member as unable to manage, asking Telegram once for repeated checks", async () => {
    const refusal = errorReply("Only the group's administrators can change its interests.");
    harness = await startHarness(
      new ScriptedCommandService(async (_input, ctx) =>
        (await ctx.canManage()) ? infoReply("Added.") : refusal,
      ),
    );
    harness.fake.memberStatus.set(`${READING_GROUP.id}:${BOB.id}`, "member");
    await harness.telegram.bot.handleUpdate(messageUpdate("/interests add rl", READING_GROUP, BOB));
    await harness.telegram.bot.handleUpdate(messageUpdate("/interests add nlp", READING_GROUP, BOB));

    expect(visibleTexts(harness.fake, READING_GROUP.id)).toEqual([
      "⚠️ Only the group's administrators can change its interests.",
      "⚠️ Only the group's administrators can change its interests.",
    ]);
    expect(harness.fake.callsTo("getChatMember")).toHaveLength(1);
  });

  it("treats a failed admin lookup as not an administrator", async () => {
    harness = await startHarness(
      new ScriptedCommandService(async (_i, ctx) => infoReply(String(await ctx.canManage()))),
    );
    harness.fake.failNext("getChatMember", telegramErrors.chatNotFound);
    await harness.telegram.bot.handleUpdate(messageUpdate("/unsubscribe", READING_GROUP, BOB));

    expect(visibleTexts(harness.fake, READING_GROUP.id)).toEqual(["false"]);
  });

  it("lets a channel post act on the channel without a member lookup", async () => {
    harness = await startHarness();
    await harness.telegram.bot.handleUpdate(channelPostUpdate("/subscribe count 5"));

    const { ctx } = harness.service.last();
    expect(ctx.target).toEqual({ platform: "telegram", kind: "channel", id: String(NEWS_CHANNEL.id) });
    expect(await ctx.canManage()).toBe(true);
    expect(harness.fake.callsTo("getChatMember")).toEqual([]);
  });

  it("stays quiet about unknown commands in a group", async () => {
    harness = await startHarness();
    await harness.telegram.bot.handleUpdate(messageUpdate("/frobnicate", READING_GROUP));
    await harness.telegram.bot.handleUpdate(messageUpdate("nice paper everyone", READING_GROUP));

    expect(harness.fake.callsTo("sendMessage")).toEqual([]);
  });
});

describe("replies", () => {
  it("escapes hostile titles, queries and abstracts so Telegram accepts them and shows them verbatim", async () => {
    const hostile = paperCard("2410.66666", {
      title: "<b>Bold</b> & <script>alert(1)</script>",
      excerpt: "x < y && y > z",
      url: 'https://example.org/?a=1&b="2"',
    });
    harness = await startHarness(
      new ScriptedCommandService((input) => resultsReply(input.slice(5), [hostile])),
    );
    await harness.telegram.bot.handleUpdate(messageUpdate("/find <script>alert('q')</script> & <b>"));

    const [call] = harness.fake.callsTo("sendMessage");
    expect(call?.payload.parse_mode).toBe("HTML");
    expect(String(call?.payload.text)).not.toContain("<script>");
    const [visible] = visibleTexts(harness.fake, ALICE_DM.id);
    expect(visible).toContain("Results for “<script>alert('q')</script> & <b>”");
    expect(visible).toContain("<b>Bold</b> & <script>alert(1)</script>");
    expect(visible).toContain("x < y && y > z");
    expect(String(call?.payload.text)).toContain('<a href="https://example.org/?a=1&amp;b=%222%22">');
  });

  it("splits a long reply into messages under 4096 characters, keeping each card whole", async () => {
    const cards = Array.from({ length: 12 }, (_, i) =>
      paperCard(`2410.${String(i).padStart(5, "0")}`, {
        excerpt: `Finding ${i}. ` + "Long abstract text. ".repeat(60),
      }),
    );
    harness = await startHarness(new ScriptedCommandService(() => resultsReply("long", cards)));
    await harness.telegram.bot.handleUpdate(messageUpdate("/find long"));

    const texts = visibleTexts(harness.fake, ALICE_DM.id);
    expect(texts.length).toBeGreaterThan(1);
    for (const text of texts) expect(text.length).toBeLessThan(4096);
    const joined = texts.join("\n");
    for (let i = 0; i < 12; i++) expect(joined.match(new RegExp(`Finding ${i}\\. `, "g"))).toHaveLength(1);
    const lastCall = harness.fake.callsTo("sendMessage").at(-1);
    expect(lastCall && buttonActions(lastCall)).toContain("find:q1:2");
  });

  it("puts 👍 / 👎 / More like this under each card and Next page under the reply", async () => {
    harness = await startHarness(
      new ScriptedCommandService(() =>
        resultsReply("gnn", [paperCard("2410.00001"), paperCard("2410.00002")]),
      ),
    );
    await harness.telegram.bot.handleUpdate(messageUpdate("/find gnn"));

    const [call] = harness.fake.callsTo("sendMessage");
    expect(call && buttonActions(call)).toEqual([
      "like:2410.00001",
      "dislike:2410.00001",
      "similar:2410.00001",
      "like:2410.00002",
      "dislike:2410.00002",
      "similar:2410.00002",
      "find:q1:2",
    ]);
  });

  it("falls back to plain text when Telegram cannot parse the HTML", async () => {
    harness = await startHarness(new ScriptedCommandService(() => infoReply("Tom & Jerry <3")));
    harness.fake.failNext(
      "sendMessage",
      telegramErrors.cantParseEntities('Unsupported start tag "3" at byte offset 14'),
    );
    await harness.telegram.bot.handleUpdate(messageUpdate("/help"));

    const [refused, plain] = harness.fake.callsTo("sendMessage");
    expect(refused?.payload.parse_mode).toBe("HTML");
    expect(plain?.payload.parse_mode).toBeUndefined();
    expect(plain?.payload.text).toBe("Tom & Jerry <3");
  });
});

describe("buttons", () => {
  it("runs the button's action and answers the callback with a short notice", async () => {
    harness = await startHarness(
      new ScriptedCommandService(undefined, () => infoReply("Noted: more like this one.")),
    );
    await harness.telegram.bot.handleUpdate(callbackUpdate("like:2410.00001"));

    const { kind, input, ctx } = harness.service.last();
    expect({ kind, input }).toEqual({ kind: "action", input: "like:2410.00001" });
    expect(ctx.target).toEqual({ platform: "telegram", kind: "user", id: String(ALICE.id) });
    expect(harness.fake.callsTo("answerCallbackQuery")[0]?.payload).toMatchObject({
      text: "Noted: more like this one.",
    });
  });

  it("sends the next page as a message and still answers the callback", async () => {
    harness = await startHarness(
      new ScriptedCommandService(undefined, () =>
        resultsReply("gnn", [paperCard("2410.00003")], "find:q1:3"),
      ),
    );
    await harness.telegram.bot.handleUpdate(callbackUpdate("find:q1:2"));

    expect(visibleTexts(harness.fake, ALICE_DM.id)[0]).toContain("2410.00003");
    expect(harness.fake.callsTo("answerCallbackQuery")).toHaveLength(1);
  });

  it("answers the callback politely when the command layer fails, and logs one line without the token", async () => {
    harness = await startHarness(
      new ScriptedCommandService(undefined, () => {
        throw new Error("index not loaded");
      }),
    );
    await harness.telegram.bot.handleUpdate(callbackUpdate("similar:2410.00001"));

    const answers = harness.fake.callsTo("answerCallbackQuery");
    expect(answers).toHaveLength(1);
    expect(String(answers[0]?.payload.text)).toMatch(/^Sorry, something went wrong/);
    const errors = harness.log.lines.filter((line) => line.level === "error");
    expect(errors).toHaveLength(1);
    expect(harness.log.text()).toContain("index not loaded");
    expect(harness.log.text()).not.toContain(TOKEN);
  });
});

describe("error boundary", () => {
  it("apologises in the chat when a command fails", async () => {
    harness = await startHarness(
      new ScriptedCommandService(() => {
        throw new Error("store unavailable");
      }),
    );
    await harness.telegram.bot.handleUpdate(messageUpdate("/picks"));

    expect(visibleTexts(harness.fake, ALICE_DM.id)).toEqual([
      "Sorry, something went wrong on my side while handling that. Please try again in a moment.",
    ]);
    expect(harness.log.lines.filter((line) => line.level === "error")).toHaveLength(1);
  });

  it("survives Telegram refusing a reply as too long", async () => {
    harness = await startHarness();
    harness.fake.failNext("sendMessage", telegramErrors.messageTooLong);
    await harness.telegram.bot.handleUpdate(messageUpdate("/help"));

    expect(harness.log.text()).toContain("message is too long");
    expect(visibleTexts(harness.fake, ALICE_DM.id).at(-1)).toMatch(/^Sorry, something went wrong/);
  });
});
