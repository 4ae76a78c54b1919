import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { APIInteraction } from "discord.js";
import { createRecapJob } from "../../../src/app/recap-job.js";
import { createDiscordBot, type DiscordBot } from "../../../src/bots/discord/client.js";
import type { Store } from "../../../src/core/store/port.js";
import { openMemoryStore } from "../../../src/storage/files/memory-store.js";
import { NOW } from "../../core/commands/harness.js";
import { realCommandService } from "../command-layer.js";
import { GRIDS, labDigest, paperShelf, SAVED_ON, SEED, TRAFFIC } from "../recap-fixtures.js";
import {
  CHANNEL_ID,
  FakeDiscord,
  MANAGE_CHANNELS,
  USER_ID,
  buttonPress,
  chatCommand,
  options,
  recordingLogger,
  type Json,
  injectInteraction,
} from "./fake-discord.js";

const CHANNEL_KEY = `discord:channel:${CHANNEL_ID}`;
/** Alice manages the channel; the others are members, each with the name Discord shows for them. */
const MANAGER = { userId: USER_ID, permissions: MANAGE_CHANNELS, nick: "Alice" };
const BOB = { userId: "400000000000000044", nick: "Bob" };
const CAROL = { userId: "400000000000000045", globalName: "Carol" };
const DAN = { userId: "400000000000000046" };
type Member = typeof MANAGER | typeof BOB | typeof CAROL | typeof DAN;

let fake: FakeDiscord;
let bot: DiscordBot;
let store: Store;
/** The one clock of the command layer and the recap job: each step of the week sets it. */
let clock: Date;
let log: ReturnType<typeof recordingLogger>;
let job: () => Promise<void>;

/** What the instance holding the weekly-recap job runs each minute, with the real Discord delivery. */
function recapJob(): () => Promise<void> {
  return createRecapJob({
    store,
    papers: paperShelf(),
    adapters: { discord: bot.delivery },
    log,
    now: () => clock,
  });
}

beforeEach(async () => {
  fake = await FakeDiscord.start();
  store = openMemoryStore();
  clock = NOW;
  log = recordingLogger();
  const service = realCommandService(store, log, () => clock);
  bot = createDiscordBot({ token: "unused-in-tests", apiRoot: fake.apiRoot, service, log });
  bot.client.rest.setToken("x");
  job = recapJob();
});

afterEach(async () => {
  await bot.stop();
  await fake.close();
});

function inject(raw: APIInteraction): Promise<void> {
  return injectInteraction(bot, raw);
}

/** What the member who typed a command or pressed a button was answered last. */
function lastAnswer(): string {
  const answer = fake.find("PATCH", /^\/webhooks\/\d+\/[^/]+\/messages\/@original$/).at(-1);
  return String(answer?.body.content ?? "");
}

/** The manager types `/channel <subcommands…>` in the channel. */
async function channelCommand(subcommands: string[], values: Record<string, string> = {}): Promise<string> {
  await inject(chatCommand("channel", subcommands, options(values), MANAGER));
  return lastAnswer();
}

/** A member presses `action` under the channel's digest as it looks now. */
async function press(digest: Json, action: string, member: Member): Promise<void> {
  await inject(buttonPress(action, { posted: fake.message(digest.id) }, member));
}

/** Runs the recap job (this instance's, unless another is given) at `iso`; answers what it posted. */
async function runJobAt(iso: string, run = job): Promise<Json[]> {
  const before = fake.postedIn(CHANNEL_ID).length;
  clock = new Date(iso);
  await run();
  return fake.postedIn(CHANNEL_ID).slice(before);
}

/** Each paper card of a posted message: its title and the line that says why it is there. */
function cards(message: Json): [string, string][] {
  return (message.embeds as Json[]).map((embed) => [
    embed.title,
    (embed.fields as Json[]).find((field) => field.name === "Why it matched")?.value,
  ]);
}

describe("the weekly recap on Discord, end to end", () => {
  it("posts the week's most-voted then saved papers once at its slot, and nothing after recap off", async () => {
    expect(await channelCommand(["subscribe"])).toMatch(/Subscribed/);
    expect(await channelCommand(["recap", "on"])).toMatch(
      /Weekly recap on: Fridays at 16:00 \(UTC\)[\s\S]*The next one: 2024-12-06 at 16:00/,
    );

    expect(await bot.delivery.send(CHANNEL_ID, labDigest())).toEqual({ ok: true });
    const [digest] = fake.postedIn(CHANNEL_ID);
    // The power-grids paper: 3 👍. The traffic paper: 1 👍, 1 👎 (Bob changed his mind).
    for (const member of [MANAGER, BOB, CAROL]) await press(digest, `like:${GRIDS.id}`, member);
    await press(digest, `like:${TRAFFIC.id}`, MANAGER);
    await press(digest, `like:${TRAFFIC.id}`, BOB);
    await press(digest, `dislike:${TRAFFIC.id}`, BOB);
    // Saved this week: the corpus paper with 🔖, the traffic paper with /save.
    await press(digest, `save:${SEED.id}`, BOB);
    await inject(chatCommand("save", [], options({ paper: TRAFFIC.id, where: "channel" }), CAROL));
    expect(lastAnswer()).toMatch(/Saved .* to this channel's reading list/);
    // Saved the week before: not this recap's.
    await store.readingLists.save(CHANNEL_KEY, {
      paperId: "2410.99999",
      savedBy: DAN.userId,
      savedAt: "2024-11-29T15:00:00.000Z",
    });

    expect(await runJobAt("2024-12-06T15:59:00Z")).toEqual([]);
    const [recap, ...more] = await runJobAt("2024-12-06T16:00:00Z");
    expect(more).toEqual([]);
    expect(recap.content).toMatch(/^\*\*Weekly recap · 2024-W49\*\*\nMost voted in this channel this week/);
    expect(cards(recap)).toEqual([
      [`1. ${GRIDS.title}`, "👍 3 · 👎 0 this week"],
      [`2. ${TRAFFIC.title}`, `👍 1 · 👎 1 this week · saved ${SAVED_ON} by Carol`],
      [`3. ${SEED.title}`, `saved ${SAVED_ON} by Bob`],
    ]);
    // A channel message everyone sees, with buttons to vote on and save the recap's papers.
    expect(recap.flags).toBe(0);
    expect(JSON.stringify(recap.components)).toContain(`save:${SEED.id}`);

    // Again that week, from this instance or from one that restarted or took the job over: nothing more.
    expect(await runJobAt("2024-12-06T16:01:00Z")).toEqual([]);
    expect(await runJobAt("2024-12-07T10:00:00Z", recapJob())).toEqual([]);
    expect(fake.postedIn(CHANNEL_ID)).toHaveLength(2);
    expect(log.lines.filter((line) => line.level === "warn" || line.level === "error")).toEqual([]);

    // The next week has a vote, but the recap is off by its slot: nothing is posted.
    clock = new Date("2024-12-10T09:00:00Z");
    await press(digest, `like:${TRAFFIC.id}`, DAN);
    expect(await channelCommand(["recap", "off"])).toMatch(/Weekly recap off/);
    expect(await runJobAt("2024-12-13T16:00:00Z")).toEqual([]);
    expect(await runJobAt("2024-12-13T17:00:00Z")).toEqual([]);
    expect((await store.subscriptions.get(CHANNEL_KEY))?.recap).toBeUndefined();
  });
});
