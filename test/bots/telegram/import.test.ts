import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { createTelegramBot, type TelegramBot } from "../../../src/bots/telegram/bot.js";
import { SERVICE_COMMANDS } from "../../../src/bots/telegram/commands.js";
import { MAX_LIBRARY_BYTES } from "../../../src/core/library/entry.js";
import type { Store } from "../../../src/core/store/port.js";
import { openMemoryStore } from "../../../src/storage/files/memory-store.js";
import { botMessage, documentUpdate } from "./document-updates.js";
import { BOT_INFO, FakeTelegram } from "./fake-telegram.js";
import { type Harness, recordingLogger, startHarness, TOKEN, visibleTexts } from "./harness.js";
import { errorReply, infoReply, ScriptedCommandService } from "./scripted-service.js";
import { ALICE, ALICE_DM, BOB, messageUpdate, READING_GROUP } from "./updates.js";
import { realCommandService } from "../command-layer.js";

const BIB = readFileSync(new URL("../../fixtures/library/arxiv-export.bib", import.meta.url), "utf8");
const PROMPT = "Send your library as a file with /import: a BibTeX (.bib), RIS or CSL-JSON export.";

let harness: Harness;
let close: (() => Promise<void>) | undefined;

afterEach(async () => {
  await close?.();
  close = undefined;
});

/** A real grammY bot over a scripted command layer and a fake Bot API, closed after the test. */
async function start(service?: ScriptedCommandService): Promise<void> {
  harness = await startHarness(service);
  close = () => harness.close();
}

async function send(update: Parameters<TelegramBot["bot"]["handleUpdate"]>[0]): Promise<void> {
  await harness.telegram.bot.handleUpdate(update);
}

describe("files sent for /import", () => {
  it("downloads a document captioned /import and runs `import` with its text", async () => {
    await start();
    harness.fake.storeFile("doc-1", BIB);
    await send(documentUpdate({ fileId: "doc-1", fileName: "My Library.bib", caption: "/import" }));

    expect(harness.fake.callsTo("getFile")[0]?.payload).toMatchObject({ file_id: "doc-1" });
    expect(harness.fake.downloads).toEqual([`/file/bot${TOKEN}/documents/file_1.bib`]);
    const { input, ctx } = harness.service.last();
    expect(input).toBe("import");
    expect(ctx.attachment).toEqual({ name: "My Library.bib", bytes: Buffer.byteLength(BIB), text: BIB });
    expect(ctx.target).toEqual({ platform: "telegram", kind: "user", id: String(ALICE.id) });
    expect(visibleTexts(harness.fake, ALICE_DM.id)).toEqual(["ok"]);
  });

  it("passes ids typed in the caption along with the file, for the command layer to refuse the pair", async () => {
    await start();
    harness.fake.storeFile("doc-1", BIB);
    await send(documentUpdate({ fileId: "doc-1", caption: "/import 2410.12345" }));
    const { input, ctx } = harness.service.last();
    expect(input).toBe("import 2410.12345");
    expect(ctx.attachment?.text).toBe(BIB);
  });

  it("accepts /import@paperboy_bot and ignores a caption meant for another bot", async () => {
    await start();
    harness.fake.storeFile("doc-1", BIB);
    await send(documentUpdate({ fileId: "doc-1", caption: "/import@other_bot", chat: READING_GROUP }));
    await send(documentUpdate({ fileId: "doc-1", caption: "/import@paperboy_bot", chat: READING_GROUP }));

    expect(harness.service.received.map((r) => r.input)).toEqual(["import"]);
    expect(harness.fake.callsTo("getFile")).toHaveLength(1);
  });

  it("imports a document sent in reply to the bot's import prompt", async () => {
    await start();
    harness.fake.storeFile("doc-1", BIB);
    await send(documentUpdate({ fileId: "doc-1", fileName: "refs.bib", replyTo: botMessage(PROMPT) }));

    expect(harness.service.last().input).toBe("import");
    expect(harness.service.last().ctx.attachment?.text).toBe(BIB);
  });

  it("does not take a reply to another message, or a user's quote of the prompt, for an import", async () => {
    await start();
    harness.fake.storeFile("doc-1", BIB);
    const quoted = { ...botMessage(PROMPT, READING_GROUP), from: BOB };
    await send(
      documentUpdate({ fileId: "doc-1", replyTo: botMessage("Your picks for today"), chat: READING_GROUP }),
    );
    await send(documentUpdate({ fileId: "doc-1", replyTo: quoted, chat: READING_GROUP }));

    expect(harness.service.received).toEqual([]);
    expect(harness.fake.callsTo("getFile")).toEqual([]);
    expect(harness.fake.callsTo("sendMessage")).toEqual([]);
  });

  it("imports for a group, letting its administrator change it and refusing a plain member", async () => {
    await start(
      new ScriptedCommandService(async (_input, ctx) =>
        (await ctx.canManage())
          ? infoReply("Imported 3 papers.")
          : errorReply("Only the group's administrators can change its library."),
      ),
    );
    harness.fake.storeFile("doc-1", BIB);
    harness.fake.memberStatus.set(`${READING_GROUP.id}:${ALICE.id}`, "administrator");
    await send(documentUpdate({ fileId: "doc-1", caption: "/import", chat: READING_GROUP, from: ALICE }));
    await send(documentUpdate({ fileId: "doc-1", caption: "/import", chat: READING_GROUP, from: BOB }));

    const [admin, member] = harness.service.received;
    expect(admin?.ctx.target).toEqual({
      platform: "telegram",
      kind: "channel",
      id: String(READING_GROUP.id),
    });
    expect(await admin?.ctx.canManage()).toBe(true);
    expect(await member?.ctx.canManage()).toBe(false);
    expect(visibleTexts(harness.fake, READING_GROUP.id)).toEqual([
      "Imported 3 papers.",
      "⚠️ Only the group's administrators can change its library.",
    ]);
  });

  it("does not download a document Telegram reports as over the cap, and passes it without text", async () => {
    await start();
    harness.fake.storeFile("doc-1", BIB);
    const bytes = MAX_LIBRARY_BYTES + 1;
    await send(
      documentUpdate({ fileId: "doc-1", fileName: "huge.bib", fileSize: bytes, caption: "/import" }),
    );

    expect(harness.fake.callsTo("getFile")).toEqual([]);
    expect(harness.fake.downloads).toEqual([]);
    expect(harness.service.last().ctx.attachment).toEqual({ name: "huge.bib", bytes });
  });

  it.each([
    {
      case: "the file route fails",
      setup: (fake: FakeTelegram) => fake.storeFile("doc-1", BIB, { status: 500 }),
    },
    {
      case: "getFile fails",
      setup: (fake: FakeTelegram) =>
        fake.failNext("getFile", { error_code: 400, description: "Bad Request: invalid file_id" }),
    },
    {
      case: "the file is larger than its reported size",
      setup: (fake: FakeTelegram) => fake.storeFile("doc-1", Buffer.alloc(MAX_LIBRARY_BYTES + 1, "a")),
    },
  ])(
    "says the download failed, runs nothing, and keeps the token out of logs when $case",
    async ({ setup }) => {
      await start();
      setup(harness.fake);
      await send(
        documentUpdate({ fileId: "doc-1", fileName: "refs.bib", fileSize: 1000, caption: "/import" }),
      );

      expect(harness.service.received).toEqual([]);
      expect(visibleTexts(harness.fake, ALICE_DM.id)).toEqual([
        "⚠️ Could not download refs.bib from Telegram; try again.",
      ]);
      expect(harness.log.text()).toContain("telegram document download failed");
      expect(harness.log.text()).not.toContain(TOKEN);
    },
  );

  it("ignores a plain document in a group, and hints at /import for one in a private chat", async () => {
    await start();
    harness.fake.storeFile("doc-1", BIB);
    await send(documentUpdate({ fileId: "doc-1", chat: READING_GROUP }));
    await send(documentUpdate({ fileId: "doc-1", caption: "my papers", chat: READING_GROUP }));
    expect(harness.fake.callsTo("sendMessage")).toEqual([]);

    await send(documentUpdate({ fileId: "doc-1", caption: "my papers" }));
    expect(harness.service.received).toEqual([]);
    expect(harness.fake.callsTo("getFile")).toEqual([]);
    const [hint] = visibleTexts(harness.fake, ALICE_DM.id);
    expect(hint).toMatch(/^⚠️ I answer commands\./);
    expect(hint).toContain("caption /import");
  });

  it("passes /import with ids as text, and lists /import in the command menu", async () => {
    await start();
    await send(messageUpdate("/import 2410.12345 https://arxiv.org/abs/2311.00001"));
    await send(messageUpdate("/import clear"));
    expect(harness.service.received.map((r) => [r.input, r.ctx.attachment])).toEqual([
      ["import 2410.12345 https://arxiv.org/abs/2311.00001", undefined],
      ["import clear", undefined],
    ]);
    const entry = SERVICE_COMMANDS.find((command) => command.command === "import");
    expect(entry?.description).toMatch(/file/);
    expect(entry?.description.length ?? 0).toBeLessThanOrEqual(256);
  });
});

describe("/import end to end on Telegram", () => {
  let fake: FakeTelegram;
  let telegram: TelegramBot;
  let store: Store;

  async function startReal(): Promise<void> {
    fake = await FakeTelegram.start();
    store = openMemoryStore();
    const log = recordingLogger();
    const service = realCommandService(store, log);
    telegram = createTelegramBot({ token: TOKEN, apiRoot: fake.apiRoot, service, log, botInfo: BOT_INFO });
    close = async () => {
      await telegram.stop();
      await fake.close();
    };
  }

  it("prompts on a bare /import, and stores the file sent in reply to the prompt", async () => {
    await startReal();
    await telegram.bot.handleUpdate(messageUpdate("/import"));
    const [prompt] = visibleTexts(fake, ALICE_DM.id);
    expect(prompt).toMatch(/^Send your library as a file/);

    fake.storeFile("doc-1", BIB);
    await telegram.bot.handleUpdate(
      documentUpdate({ fileId: "doc-1", fileName: "arxiv-export.bib", replyTo: botMessage(prompt ?? "") }),
    );
    const library = await store.libraries.get(`telegram:user:${ALICE.id}`);
    expect(library?.papers.map((paper) => paper.arxivId)).toContain("1706.03762");
    expect(visibleTexts(fake, ALICE_DM.id)[1]).toMatch(/Imported \d+ papers/);
  });

  it("refuses a group member who is not an administrator, storing nothing", async () => {
    await startReal();
    fake.storeFile("doc-1", BIB);
    await telegram.bot.handleUpdate(
      documentUpdate({ fileId: "doc-1", caption: "/import", chat: READING_GROUP, from: BOB }),
    );
    expect(await store.libraries.get(`telegram:channel:${READING_GROUP.id}`)).toBeUndefined();
    expect(visibleTexts(fake, READING_GROUP.id)[0]).toMatch(
      /only people who manage this group can change its library/,
    );
  });
});
