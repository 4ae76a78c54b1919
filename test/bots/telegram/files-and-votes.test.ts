import type { Message, Update } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { VOTE_LABEL_TIMEOUT_MS } from "../../../src/bots/telegram/handlers.js";
import { CAPTION_MAX, DOCUMENT_MAX_BYTES } from "../../../src/bots/telegram/send-file.js";
import type { Reply } from "../../../src/core/commands/reply.js";
import { telegramErrors } from "./fake-telegram.js";
import { startHarness, visibleTexts, type Harness } from "./harness.js";
import { infoReply, paperCard, ScriptedCommandService } from "./scripted-service.js";
import { ALICE, ALICE_DM, READING_GROUP, messageUpdate } from "./updates.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

function exportReply(text: string, lines = ["Your reading list: 1 paper as reading-list.bib."]): Reply {
  return {
    ...infoReply(...lines),
    file: { name: "reading-list.bib", mimeType: "application/x-bibtex", text },
  };
}

async function exporting(reply: Reply): Promise<Harness> {
  h = await startHarness(new ScriptedCommandService(() => reply));
  await h.telegram.bot.handleUpdate(messageUpdate("/export"));
  return h;
}

describe("files on Telegram", () => {
  it("sends a reply's file as a document with the text as its caption, and no separate message", async () => {
    const { fake } = await exporting(exportReply("@misc{a, title = {A <b>&</b>}}\n"));
    expect(fake.documents()).toEqual([
      {
        chatId: ALICE_DM.id,
        caption: "Your reading list: 1 paper as reading-list.bib.",
        file: expect.objectContaining({
          filename: "reading-list.bib",
          text: "@misc{a, title = {A <b>&</b>}}\n",
        }),
      },
    ]);
    expect(fake.callsTo("sendMessage")).toEqual([]);
    // A plain caption: nothing in it is read as HTML.
    expect(fake.callsTo("sendDocument")[0]?.payload.parse_mode).toBeUndefined();
  });

  it("sends text too long for a caption as a message first, then the document", async () => {
    const long = "A note that goes on. ".repeat(Math.ceil(CAPTION_MAX / 20));
    const { fake } = await exporting(exportReply("@misc{a, title = {A}}\n", [long]));
    expect(visibleTexts(fake, ALICE_DM.id)).toEqual([long]);
    const [document] = fake.documents();
    expect(document?.caption).toBeUndefined();
    expect(document?.file.filename).toBe("reading-list.bib");
    const order = fake.calls.map((call) => call.method).filter((method) => method.startsWith("send"));
    expect(order).toEqual(["sendMessage", "sendDocument"]);
  });

  it("does not upload a file over Telegram's 50 MB, and says why", async () => {
    const { fake } = await exporting(exportReply("x".repeat(DOCUMENT_MAX_BYTES + 1)));
    expect(fake.callsTo("sendDocument")).toEqual([]);
    expect(visibleTexts(fake, ALICE_DM.id)).toEqual([
      "Your reading list: 1 paper as reading-list.bib.\n" +
        "reading-list.bib is 50.1 MB, more than the 50 MB Telegram lets paperboy send. " +
        "Take some papers off the list with /unsave, then export again.",
    ]);
  });
});

describe("vote totals on Telegram, when the edit is refused", () => {
  const votes = { paperId: "2410.00001", up: 2, down: 0 };
  const voted: Reply = { ...infoReply("👍 Counted your vote: 2 👍 · 0 👎."), votes };

  /** A group digest sent by the bot, and a press on its 👍 by Alice. */
  async function pressUnderDigest(harness: Harness): Promise<void> {
    const { fake, telegram } = harness;
    const digest: Reply = { kind: "papers", lines: [], cards: [paperCard("2410.00001")], buttons: [] };
    await telegram.delivery.send(String(READING_GROUP.id), digest);
    const [message] = fake.messagesIn(READING_GROUP.id);
    const update: Update = {
      update_id: 90_001,
      callback_query: {
        id: "cb-vote",
        from: ALICE,
        chat_instance: "ci-group",
        data: "like:2410.00001",
        message: message as Message,
      },
    };
    await telegram.bot.handleUpdate(update);
  }

  it("takes Telegram's 'message is not modified' quietly: another press got there first", async () => {
    h = await startHarness(new ScriptedCommandService(undefined, () => voted));
    h.fake.failNext("editMessageReplyMarkup", telegramErrors.notModified);
    await pressUnderDigest(h);
    expect(h.fake.callsTo("answerCallbackQuery")[0]?.payload.text).toBe("👍 Counted your vote: 2 👍 · 0 👎.");
    expect(h.fake.callsTo("editMessageReplyMarkup")).toHaveLength(1);
    expect(h.log.lines.filter((line) => line.level !== "debug")).toEqual([]);
  });

  it("gives up labelling after a few seconds when Telegram rate-limits the edit, so other updates go on", async () => {
    h = await startHarness(new ScriptedCommandService(undefined, () => voted));
    h.fake.failNext("editMessageReplyMarkup", telegramErrors.tooManyRequests(40), 3);
    const started = Date.now();
    await pressUnderDigest(h);
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(VOTE_LABEL_TIMEOUT_MS - 100);
    expect(took).toBeLessThan(VOTE_LABEL_TIMEOUT_MS + 3_000);
    expect(h.fake.callsTo("answerCallbackQuery")[0]?.payload.text).toMatch(/Counted your vote/);
    expect(h.log.lines.filter((line) => line.level === "warn").map((line) => line.msg)).toEqual([
      "telegram vote totals not shown on the message",
    ]);
  }, 15_000);

  it("logs any other refusal once, and the member still gets their answer", async () => {
    h = await startHarness(new ScriptedCommandService(undefined, () => voted));
    h.fake.failNext("editMessageReplyMarkup", telegramErrors.messageToEditNotFound);
    await pressUnderDigest(h);
    expect(h.fake.callsTo("answerCallbackQuery")[0]?.payload.text).toMatch(/Counted your vote/);
    const warnings = h.log.lines.filter((line) => line.level === "warn");
    expect(warnings.map((line) => line.msg)).toEqual(["telegram vote totals not shown on the message"]);
    expect(h.log.text()).not.toContain("123:abc");
    // No apology: the only message is the digest itself.
    expect(h.fake.callsTo("sendMessage")).toHaveLength(1);
  });
});
