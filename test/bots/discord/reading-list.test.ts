import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { APIInteraction } from "discord.js";
import { createDiscordBot, type DiscordBot } from "../../../src/bots/discord/client.js";
import type { Store } from "../../../src/core/store/port.js";
import { openMemoryStore } from "../../../src/storage/files/memory-store.js";
import { ARXIV_PAPERS, NOW } from "../../core/commands/harness.js";
import {
  CHANNEL_ID,
  FakeDiscord,
  USER_ID,
  buttonPress,
  chatCommand,
  options,
  recordingLogger,
  type Json,
  type RecordedRequest,
  injectInteraction,
} from "./fake-discord.js";
import { realCommandService } from "../command-layer.js";
import { arxivDigest, reimportedIds } from "../reading-list-fixtures.js";

const EPHEMERAL = 64;
const [TRAFFIC, GRIDS] = ARXIV_PAPERS.map((paper) => paper.id) as [string, string];
const MEMBERS = { alice: USER_ID, bob: "400000000000000044", carol: "400000000000000045" } as const;
const USER_KEY = `discord:user:${USER_ID}`;
const CHANNEL_KEY = `discord:channel:${CHANNEL_ID}`;

let fake: FakeDiscord;
let bot: DiscordBot;
let store: Store;
let log: ReturnType<typeof recordingLogger>;

beforeEach(async () => {
  fake = await FakeDiscord.start();
  store = openMemoryStore();
  log = recordingLogger();
  const service = realCommandService(store, log);
  bot = createDiscordBot({ token: "unused-in-tests", apiRoot: fake.apiRoot, service, log });
  bot.client.rest.setToken("x");
});

afterEach(async () => {
  await bot.stop();
  await fake.close();
});

function inject(raw: APIInteraction): Promise<void> {
  return injectInteraction(bot, raw);
}

/** The private answers (the deferred reply's edits), newest last. */
function answers(): RecordedRequest[] {
  return fake.find("PATCH", /^\/webhooks\/\d+\/[^/]+\/messages\/@original$/);
}

function lastAnswer(): RecordedRequest {
  const answer = answers().at(-1);
  if (!answer) throw new Error("nothing was answered");
  return answer;
}

/** Posts a channel digest with both arXiv papers, as the scheduler does, and answers the posted message. */
async function postDigest(): Promise<Json> {
  const digest = arxivDigest();
  const result = await bot.delivery.send(CHANNEL_ID, digest);
  expect(result).toEqual({ ok: true });
  const [posted] = fake.postedIn(CHANNEL_ID);
  return posted;
}

/** Each button's label by its action, as members see the message now. */
function labels(message: Json): Record<string, string> {
  const buttons = (message.components as Json[]).flatMap((row) => row.components as Json[]);
  return Object.fromEntries(buttons.map((button) => [button.custom_id, button.label]));
}

/** A member presses `action` under the digest as it looks now. */
async function press(action: string, digestId: string, member: string): Promise<void> {
  await inject(buttonPress(action, { posted: fake.message(digestId) }, { userId: member }));
}

/** Each paper's title and "why" line, as the member sees the answer's embeds. */
function cardLines(answer: RecordedRequest): [string, string][] {
  return (answer.body.embeds as Json[]).map((embed) => [
    embed.title,
    (embed.fields as Json[]).find((field) => field.name === "Why it matched")?.value,
  ]);
}

describe("reading list on Discord, end to end", () => {
  it("🔖 and /save fill the member's list, and /export attaches a file that imports as those papers", async () => {
    await inject(buttonPress(`save:${TRAFFIC}`, { ephemeral: true }));
    expect(lastAnswer().body.content).toMatch(/Saved .* to your reading list/);
    await inject(chatCommand("save", [], options({ paper: `https://arxiv.org/abs/${GRIDS}` })));
    expect((await store.readingLists.all(USER_KEY)).map((saved) => saved.paperId).sort()).toEqual(
      [TRAFFIC, GRIDS].sort(),
    );

    await inject(chatCommand("export", []));
    const reply = lastAnswer();
    expect(reply.body.content).toMatch(/2 papers as reading-list\.bib/);
    const [file] = reply.files;
    expect(file?.name).toBe("reading-list.bib");
    // Uploaded as Discord expects: the message's attachment 0 is the form's files[0].
    expect(file?.field).toBe("files[0]");
    expect(reply.body.attachments).toEqual([expect.objectContaining({ id: "0" })]);
    expect(reimportedIds(file?.text ?? "")).toEqual([TRAFFIC, GRIDS].sort());
    // Still private: the deferred answer was ephemeral, and nothing was posted for the channel.
    expect(fake.find("POST", /\/callback$/).at(-1)?.body).toEqual({ type: 5, data: { flags: EPHEMERAL } });
    expect(fake.find("POST", /^\/webhooks\//)).toEqual([]);
  });

  it.each([
    ["ris", "reading-list.ris"],
    ["csl", "reading-list.json"],
  ])("/export format:%s attaches %s, which imports as the saved papers", async (format, name) => {
    await inject(chatCommand("save", [], options({ paper: TRAFFIC })));
    await inject(chatCommand("export", [], options({ format })));
    const [file] = lastAnswer().files;
    expect(file?.name).toBe(name);
    expect(reimportedIds(file?.text ?? "")).toEqual([TRAFFIC]);
  });

  it("answers an empty list without a file", async () => {
    await inject(chatCommand("export", []));
    expect(lastAnswer().body.content).toMatch(/Nothing on your reading list to export yet/);
    expect(lastAnswer().files).toEqual([]);
  });

  it("🔖 under a channel digest saves to the channel's list, which any member exports with where:channel", async () => {
    const digest = await postDigest();
    await press(`save:${GRIDS}`, digest.id, MEMBERS.bob);
    expect(lastAnswer().body.content).toMatch(/Saved .* to this channel's reading list/);
    // Bob has no nickname nor display name here: his username names him.
    expect(await store.readingLists.all(CHANNEL_KEY)).toEqual([
      { paperId: GRIDS, savedBy: MEMBERS.bob, savedByName: "user0044", savedAt: NOW.toISOString() },
    ]);
    expect(await store.readingLists.all(USER_KEY)).toEqual([]);

    await inject(chatCommand("export", [], options({ where: "channel" })));
    expect(lastAnswer().body.content).toMatch(/This channel's reading list: 1 paper/);
    expect(reimportedIds(lastAnswer().files[0]?.text ?? "")).toEqual([GRIDS]);
  });

  it("/saved where:channel names who saved each paper: nickname, else display name, else the id of an older save", async () => {
    await store.readingLists.save(CHANNEL_KEY, {
      paperId: "2410.99999",
      savedBy: MEMBERS.alice,
      savedAt: "2024-11-20T09:00:00.000Z",
    });
    const digest = await postDigest();
    await inject(
      buttonPress(
        `save:${GRIDS}`,
        { posted: fake.message(digest.id) },
        { userId: MEMBERS.bob, nick: "Bob (lab)", globalName: "Robert" },
      ),
    );
    await inject(
      chatCommand("save", [], options({ paper: TRAFFIC, where: "channel" }), {
        userId: MEMBERS.carol,
        globalName: "Carol\u202E Danvers",
      }),
    );

    await inject(chatCommand("saved", [], options({ where: "channel" })));
    const saved = `saved ${NOW.toISOString().slice(0, 10)}`;
    expect(cardLines(lastAnswer())).toEqual([
      [`1. Graph neural networks for traffic forecasting`, `${saved} by Carol Danvers`],
      [`2. Graph neural networks for power grids`, `${saved} by Bob (lab)`],
      ["3. 2410.99999 (no longer in the corpus)", `saved 2024-11-20 by ${MEMBERS.alice}`],
    ]);

    // The member's own list says no "by".
    await inject(chatCommand("save", [], options({ paper: GRIDS }), { nick: "Alice" }));
    await inject(chatCommand("saved", []));
    expect(cardLines(lastAnswer())).toEqual([[`1. Graph neural networks for power grids`, saved]]);
  });

  it("members' 👍 and 👎 under a channel digest count once each and show as totals on its buttons", async () => {
    const digest = await postDigest();
    expect(labels(digest)[`like:${TRAFFIC}`]).toBe("#1 👍");

    await press(`like:${TRAFFIC}`, digest.id, MEMBERS.alice);
    // The member's own confirmation stays private…
    expect(lastAnswer().body.content).toMatch(/Counted your vote: 1 👍 · 0 👎/);
    // …and the digest itself now shows the totals.
    expect(fake.find("PATCH", new RegExp(`^/channels/${CHANNEL_ID}/messages/${digest.id}$`))).toHaveLength(1);
    expect(labels(fake.message(digest.id))[`like:${TRAFFIC}`]).toBe("#1 👍 1");

    await press(`like:${TRAFFIC}`, digest.id, MEMBERS.bob);
    await press(`dislike:${TRAFFIC}`, digest.id, MEMBERS.carol);
    // Alice pressing 👍 again is still one vote: the totals, and so the message, stay as they were.
    await press(`like:${TRAFFIC}`, digest.id, MEMBERS.alice);
    let now = labels(fake.message(digest.id));
    expect([now[`like:${TRAFFIC}`], now[`dislike:${TRAFFIC}`]]).toEqual(["#1 👍 2", "#1 👎 1"]);
    expect(fake.find("PATCH", /^\/channels\//)).toHaveLength(3);

    // A changed vote replaces the member's earlier one.
    await press(`dislike:${TRAFFIC}`, digest.id, MEMBERS.bob);
    now = labels(fake.message(digest.id));
    expect([now[`like:${TRAFFIC}`], now[`dislike:${TRAFFIC}`]]).toEqual(["#1 👍 1", "#1 👎 2"]);
    expect((await store.votes.totals(CHANNEL_KEY, [TRAFFIC])).get(TRAFFIC)).toEqual({ up: 1, down: 2 });

    // The other paper's buttons, and every other button, keep their labels.
    expect(now[`like:${GRIDS}`]).toBe("#2 👍");
    expect(now[`dislike:${GRIDS}`]).toBe("#2 👎");
    expect(now[`similar:${TRAFFIC}`]).toBe("#1 More like this");
    expect(now[`save:${TRAFFIC}`]).toBe("#1 🔖");
    const sent = fake.find("PATCH", /^\/channels\//).at(-1)?.body;
    expect(Object.keys(sent)).toEqual(["components"]);
  });

  it("a vote still counts, and is confirmed, when the digest cannot be edited", async () => {
    const digest = await postDigest();
    fake.respond("PATCH", /^\/channels\//, { status: 403, body: { code: 50001, message: "Missing Access" } });
    await press(`like:${TRAFFIC}`, digest.id, MEMBERS.alice);

    expect(lastAnswer().body.content).toMatch(/Counted your vote: 1 👍/);
    expect((await store.votes.totals(CHANNEL_KEY, [TRAFFIC])).get(TRAFFIC)).toEqual({ up: 1, down: 0 });
    expect(log.lines.find((line) => line.level === "warn")?.msg).toBe(
      "Discord vote totals not shown on the message",
    );
    expect(log.lines.filter((line) => line.level === "error")).toEqual([]);
    expect(fake.find("POST", /^\/webhooks\//)).toEqual([]);
  });
});
