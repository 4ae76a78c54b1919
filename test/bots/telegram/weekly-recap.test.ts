import type { Message, Update, User } from "grammy/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createRecapJob } from "../../../src/app/recap-job.js";
import { createTelegramBot, type TelegramBot } from "../../../src/bots/telegram/bot.js";
import type { Store } from "../../../src/core/store/port.js";
import { openMemoryStore } from "../../../src/storage/files/memory-store.js";
import { NOW } from "../../core/commands/harness.js";
import { realCommandService } from "../command-layer.js";
import { GRIDS, labDigest, paperShelf, SAVED_ON, SEED, TRAFFIC } from "../recap-fixtures.js";
import { BOT_INFO, FakeTelegram, type RecordedCall } from "./fake-telegram.js";
import { recordingLogger, TOKEN, visibleText, type RecordingLogger } from "./harness.js";
import { ALICE, BOB, READING_GROUP, messageUpdate } from "./updates.js";

const GROUP_KEY = `telegram:channel:${READING_GROUP.id}`;
/** Alice administers the group; Bob, Carol and Dan are members. */
const CAROL: User = { id: 3333, is_bot: false, first_name: "Carol", last_name: "Chen" };
const DAN: User = { id: 4444, is_bot: false, first_name: "Dan" };

let fake: FakeTelegram;
let telegram: TelegramBot;
let store: Store;
let log: RecordingLogger;
/** The one clock of the command layer and the recap job: each step of the week sets it. */
let clock: Date;
let job: () => Promise<void>;

/** What the instance holding the weekly-recap job runs each minute, with the real grammY delivery. */
function recapJob(): () => Promise<void> {
  return createRecapJob({
    store,
    papers: paperShelf(),
    adapters: { telegram: telegram.delivery },
    log,
    now: () => clock,
  });
}

beforeEach(async () => {
  fake = await FakeTelegram.start();
  fake.memberStatus.set(`${READING_GROUP.id}:${ALICE.id}`, "administrator");
  store = openMemoryStore();
  clock = NOW;
  log = recordingLogger();
  const service = realCommandService(store, log, () => clock);
  telegram = createTelegramBot({ token: TOKEN, apiRoot: fake.apiRoot, service, log, botInfo: BOT_INFO });
  job = recapJob();
});

afterEach(async () => {
  await telegram.stop();
  await fake.close();
});

const sentToGroup = (): RecordedCall[] =>
  fake.callsTo("sendMessage").filter((call) => Number(call.payload.chat_id) === READING_GROUP.id);

/** `from` types `text` in the group; answers what the group was sent back. */
async function say(text: string, from: User = ALICE): Promise<string> {
  const before = sentToGroup().length;
  await telegram.bot.handleUpdate(messageUpdate(text, READING_GROUP, from));
  return sentToGroup().slice(before).map(visibleText).join("\n");
}

let nextUpdateId = 70_000;

/** A member presses `data` under the group's digest as it looks now. */
async function press(digest: Message, data: string, from: User): Promise<void> {
  nextUpdateId += 1;
  const message = fake.message(READING_GROUP.id, digest.message_id);
  const update: Update = {
    update_id: nextUpdateId,
    callback_query: { id: `cb-${nextUpdateId}`, from, chat_instance: "ci-group", data, message },
  };
  await telegram.bot.handleUpdate(update);
}

/** Runs the recap job (this instance's, unless another is given) at `iso`; answers what the group was sent. */
async function runJobAt(iso: string, run = job): Promise<string[]> {
  const before = sentToGroup().length;
  clock = new Date(iso);
  await run();
  return sentToGroup().slice(before).map(visibleText);
}

/** The cards of a message as the group reads them: each numbered title, with the italic line under it that says why. */
function cards(text: string): [string, string][] {
  const lines = text.split("\n");
  return lines.flatMap((line, index) =>
    /^\d+\. /.test(line) ? [[line, lines[index + 2] ?? ""] as [string, string]] : [],
  );
}

describe("the weekly recap on Telegram, end to end", () => {
  it("posts the week's most-voted then saved papers once at its slot, and nothing after /recap off", async () => {
    expect(await say("/subscribe")).toMatch(/Subscribed/);
    expect(await say("/recap on day thursday time 09:30")).toMatch(
      /Weekly recap on: Thursdays at 09:30 \(UTC\)[\s\S]*The next one: 2024-12-05 at 09:30/,
    );

    expect(await telegram.delivery.send(String(READING_GROUP.id), labDigest())).toEqual({ ok: true });
    const digest = fake.messagesIn(READING_GROUP.id).at(-1);
    if (!digest) throw new Error("the digest was not posted");
    // The power-grids paper: 3 👍 (buttons and /like). The traffic paper: 1 👍, 1 👎.
    await press(digest, `like:${GRIDS.id}`, ALICE);
    await press(digest, `like:${GRIDS.id}`, BOB);
    await say(`/like ${GRIDS.id}`, CAROL);
    await press(digest, `like:${TRAFFIC.id}`, ALICE);
    await say(`/dislike https://arxiv.org/abs/${TRAFFIC.id}`, BOB);
    // Saved this week: the corpus paper with 🔖, the traffic paper with /save.
    await press(digest, `save:${SEED.id}`, BOB);
    expect(await say(`/save ${TRAFFIC.id}`, CAROL)).toMatch(/Saved .* to this group's reading list/);
    // Saved the week before: not this recap's.
    await store.readingLists.save(GROUP_KEY, {
      paperId: "2410.99999",
      savedBy: String(DAN.id),
      savedAt: "2024-11-28T09:00:00.000Z",
    });

    expect(await runJobAt("2024-12-05T09:29:00Z")).toEqual([]);
    const sent = await runJobAt("2024-12-05T09:30:00Z");
    expect(sent).toHaveLength(1);
    const recap = sent[0] ?? "";
    expect(recap).toMatch(
      /^Weekly recap · 2024-W49\nMost voted in this group this week, best first: 2 papers\./,
    );
    expect(cards(recap)).toEqual([
      [`1. ${GRIDS.title}`, "👍 3 · 👎 0 this week"],
      [`2. ${TRAFFIC.title}`, `👍 1 · 👎 1 this week · saved ${SAVED_ON} by Carol Chen`],
      [`3. ${SEED.title}`, `saved ${SAVED_ON} by Bob`],
    ]);
    // Members can vote on and save the recap's papers from its keyboard.
    const markup = JSON.stringify(sentToGroup().at(-1)?.payload.reply_markup);
    expect(markup).toContain(`like:${GRIDS.id}`);
    expect(markup).toContain(`save:${SEED.id}`);

    // Again that week, from this instance or from one that restarted or took the job over: nothing more.
    expect(await runJobAt("2024-12-05T09:31:00Z")).toEqual([]);
    expect(await runJobAt("2024-12-06T12:00:00Z", recapJob())).toEqual([]);
    expect(log.lines.filter((line) => line.level === "warn" || line.level === "error")).toEqual([]);

    // The next week has a vote, but the recap is off by its slot: nothing is posted.
    clock = new Date("2024-12-09T09:00:00Z");
    await press(digest, `like:${TRAFFIC.id}`, DAN);
    expect(await say("/recap off")).toMatch(/Weekly recap off/);
    expect(await runJobAt("2024-12-12T09:30:00Z")).toEqual([]);
    expect(await runJobAt("2024-12-12T10:30:00Z")).toEqual([]);
    expect((await store.subscriptions.get(GROUP_KEY))?.recap).toBeUndefined();
  });
});
