import type { InlineKeyboardButton, Message, Update, User } from "grammy/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTelegramBot, type TelegramBot } from "../../../src/bots/telegram/bot.js";
import type { Store } from "../../../src/core/store/port.js";
import { openMemoryStore } from "../../../src/storage/files/memory-store.js";
import { ARXIV_PAPERS, NOW } from "../../core/commands/harness.js";
import { BOT_INFO, FakeTelegram } from "./fake-telegram.js";
import { recordingLogger, TOKEN, visibleTexts, type RecordingLogger } from "./harness.js";
import { ALICE, ALICE_DM, BOB, READING_GROUP, messageUpdate } from "./updates.js";
import { realCommandService } from "../command-layer.js";
import { arxivDigest, reimportedIds } from "../reading-list-fixtures.js";

const CAROL: User = { id: 3333, is_bot: false, first_name: "Carol" };
/** A member whose name carries a line break and HTML, which must reach the group as plain text. */
const ERIN: User = {
  id: 4444,
  is_bot: false,
  first_name: "Erin",
  last_name: "<b>Ito</b>\nJr",
  username: "erin",
};
const [TRAFFIC, GRIDS] = ARXIV_PAPERS.map((paper) => paper.id) as [string, string];
const GROUP_KEY = `telegram:channel:${READING_GROUP.id}`;

let fake: FakeTelegram;
let telegram: TelegramBot;
let store: Store;
let log: RecordingLogger;

beforeEach(async () => {
  fake = await FakeTelegram.start();
  store = openMemoryStore();
  log = recordingLogger();
  const service = realCommandService(store, log);
  telegram = createTelegramBot({ token: TOKEN, apiRoot: fake.apiRoot, service, log, botInfo: BOT_INFO });
});

afterEach(async () => {
  await telegram.stop();
  await fake.close();
});

let nextUpdateId = 50_000;

/** A member's press on a button of a message the bot sent, as Telegram reports it (keyboard included). */
function pressOn(message: Message, data: string, from: User): Update {
  nextUpdateId += 1;
  return {
    update_id: nextUpdateId,
    callback_query: { id: `cb-${nextUpdateId}`, from, chat_instance: "ci-group", data, message },
  };
}

/** Posts the group's digest with both arXiv papers, as the scheduler does; answers the sent message. */
async function postDigest(): Promise<Message> {
  const digest = arxivDigest();
  expect(await telegram.delivery.send(String(READING_GROUP.id), digest)).toEqual({ ok: true });
  const [posted] = fake.messagesIn(READING_GROUP.id);
  if (!posted) throw new Error("the digest was not posted");
  return posted;
}

/** Each button's text by its callback data, as the group sees the message now. */
function labels(message: Message): Record<string, string> {
  const keyboard = (message.reply_markup?.inline_keyboard ?? []).flat() as InlineKeyboardButton[];
  return Object.fromEntries(
    keyboard.map((button) => ["callback_data" in button ? button.callback_data : "", button.text]),
  );
}

/** A member presses `data` under the digest as it looks now. */
async function press(digest: Message, data: string, from: User): Promise<void> {
  await telegram.bot.handleUpdate(pressOn(fake.message(READING_GROUP.id, digest.message_id), data, from));
}

describe("reading list on Telegram, end to end", () => {
  it("/save then /export sends a document in the chat that imports as the saved papers", async () => {
    await telegram.bot.handleUpdate(messageUpdate(`/save ${TRAFFIC}`));
    await telegram.bot.handleUpdate(messageUpdate(`/save https://arxiv.org/abs/${GRIDS}`));
    await telegram.bot.handleUpdate(messageUpdate("/export"));

    const [document] = fake.documents();
    expect(document?.chatId).toBe(ALICE_DM.id);
    expect(document?.file.filename).toBe("reading-list.bib");
    expect(document?.caption).toBe("Your reading list: 2 papers as reading-list.bib.");
    expect(reimportedIds(document?.file.text ?? "")).toEqual([TRAFFIC, GRIDS].sort());
  });

  it.each([
    ["ris", "reading-list.ris"],
    ["csl", "reading-list.json"],
  ])("/export %s sends %s", async (format, name) => {
    await telegram.bot.handleUpdate(messageUpdate(`/save ${GRIDS}`));
    await telegram.bot.handleUpdate(messageUpdate(`/export ${format}`));
    const [document] = fake.documents();
    expect(document?.file.filename).toBe(name);
    expect(reimportedIds(document?.file.text ?? "")).toEqual([GRIDS]);
  });

  it("answers /export of an empty list with a message and no document", async () => {
    await telegram.bot.handleUpdate(messageUpdate("/export"));
    expect(fake.documents()).toEqual([]);
    expect(String(fake.callsTo("sendMessage")[0]?.payload.text)).toMatch(/Nothing on your reading list/);
  });

  it("🔖 under a group digest saves to the group's list, which a member exports in the group", async () => {
    const digest = await postDigest();
    await press(digest, `save:${GRIDS}`, BOB);
    expect(fake.callsTo("answerCallbackQuery").at(-1)?.payload.text).toMatch(
      /Saved .* to this group's reading list/,
    );
    expect(await store.readingLists.all(GROUP_KEY)).toEqual([
      { paperId: GRIDS, savedBy: String(BOB.id), savedByName: "Bob", savedAt: NOW.toISOString() },
    ]);

    await telegram.bot.handleUpdate(messageUpdate("/export", READING_GROUP, CAROL));
    const [document] = fake.documents();
    expect(document?.chatId).toBe(READING_GROUP.id);
    expect(reimportedIds(document?.file.text ?? "")).toEqual([GRIDS]);
  });

  it("/saved in the group names who saved each paper, and the id only for an older save without a name", async () => {
    await store.readingLists.save(GROUP_KEY, {
      paperId: "2410.99999",
      savedBy: String(CAROL.id),
      savedAt: "2024-11-20T09:00:00.000Z",
    });
    const digest = await postDigest();
    await press(digest, `save:${GRIDS}`, BOB);
    await telegram.bot.handleUpdate(messageUpdate(`/save ${TRAFFIC}`, READING_GROUP, ERIN));

    await telegram.bot.handleUpdate(messageUpdate("/saved", READING_GROUP, CAROL));
    const saved = `saved ${NOW.toISOString().slice(0, 10)}`;
    const page = visibleTexts(fake, READING_GROUP.id).at(-1) ?? "";
    expect(page.split("\n").filter((line) => line.startsWith("saved "))).toEqual([
      `${saved} by Erin <b>Ito</b> Jr`,
      `${saved} by Bob`,
      `saved 2024-11-20 by ${CAROL.id}`,
    ]);

    // A member's own list, in a private chat, says no "by".
    await telegram.bot.handleUpdate(messageUpdate(`/save ${GRIDS}`));
    await telegram.bot.handleUpdate(messageUpdate("/saved"));
    const own = visibleTexts(fake, ALICE_DM.id).at(-1) ?? "";
    expect(own.split("\n").filter((line) => line.startsWith("saved "))).toEqual([saved]);
  });

  it("members' votes under a group digest count once each and show as totals on its keyboard", async () => {
    const digest = await postDigest();
    expect(labels(digest)[`like:${TRAFFIC}`]).toBe("👍 #1");

    await press(digest, `like:${TRAFFIC}`, ALICE);
    expect(fake.callsTo("answerCallbackQuery").at(-1)?.payload.text).toMatch(
      /Counted your vote: 1 👍 · 0 👎/,
    );
    expect(labels(fake.message(READING_GROUP.id, digest.message_id))[`like:${TRAFFIC}`]).toBe("👍 1 #1");

    await press(digest, `like:${TRAFFIC}`, BOB);
    await press(digest, `dislike:${TRAFFIC}`, CAROL);
    // Alice's second 👍 is still her one vote: nothing changes, so nothing is edited.
    await press(digest, `like:${TRAFFIC}`, ALICE);
    expect(fake.callsTo("editMessageReplyMarkup")).toHaveLength(3);
    let now = labels(fake.message(READING_GROUP.id, digest.message_id));
    expect([now[`like:${TRAFFIC}`], now[`dislike:${TRAFFIC}`]]).toEqual(["👍 2 #1", "👎 1 #1"]);

    // A changed vote replaces the member's earlier one.
    await press(digest, `dislike:${TRAFFIC}`, BOB);
    now = labels(fake.message(READING_GROUP.id, digest.message_id));
    expect([now[`like:${TRAFFIC}`], now[`dislike:${TRAFFIC}`]]).toEqual(["👍 1 #1", "👎 2 #1"]);
    expect((await store.votes.totals(GROUP_KEY, [TRAFFIC])).get(TRAFFIC)).toEqual({ up: 1, down: 2 });

    // The other paper's buttons, and every other button, keep their texts.
    expect(now[`like:${GRIDS}`]).toBe("👍 #2");
    expect(now[`dislike:${GRIDS}`]).toBe("👎 #2");
    expect(now[`save:${TRAFFIC}`]).toBe("🔖 #1");
    // Every press was answered, and the edits went to the pressed message.
    expect(fake.callsTo("answerCallbackQuery")).toHaveLength(5);
    for (const edit of fake.callsTo("editMessageReplyMarkup")) {
      expect(edit.payload).toMatchObject({ chat_id: READING_GROUP.id, message_id: digest.message_id });
    }
    expect(log.lines.filter((line) => line.level === "warn" || line.level === "error")).toEqual([]);
  });

  it("a vote in a private chat changes no keyboard", async () => {
    await telegram.bot.handleUpdate(messageUpdate(`/paper ${TRAFFIC}`));
    const card = fake.messagesIn(ALICE_DM.id).at(-1);
    if (!card) throw new Error("the paper was not shown");
    await telegram.bot.handleUpdate(pressOn(card, `like:${TRAFFIC}`, ALICE));
    expect(fake.callsTo("answerCallbackQuery").at(-1)?.payload.text).toMatch(/Noted/);
    expect(fake.callsTo("editMessageReplyMarkup")).toEqual([]);
  });
});
