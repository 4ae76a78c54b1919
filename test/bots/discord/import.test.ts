import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDiscordBot, type DiscordBot } from "../../../src/bots/discord/client.js";
import { MAX_LIBRARY_BYTES } from "../../../src/core/library/entry.js";
import type { Store } from "../../../src/core/store/port.js";
import { openMemoryStore } from "../../../src/storage/files/memory-store.js";
import {
  CHANNEL_ID,
  FakeDiscord,
  MANAGE_CHANNELS,
  USER_ID,
  chatCommand,
  fileOption,
  options,
  recordingLogger,
  startHarness,
  withFiles,
  type FakeFile,
  type Harness,
  injectInteraction,
} from "./fake-discord.js";
import { realCommandService } from "../command-layer.js";

const EPHEMERAL = 64;
const ADMIN = { permissions: MANAGE_CHANNELS };
const BIB = readFileSync(new URL("../../fixtures/library/arxiv-export.bib", import.meta.url), "utf8");

/** `/import file:<file>` (or `/channel import file:<file>`), with the file in the resolved data. */
function importFile(file: FakeFile, where?: Parameters<typeof chatCommand>[3], channel = false) {
  const raw = channel
    ? chatCommand("channel", ["import"], [fileOption("file", file)], where)
    : chatCommand("import", [], [fileOption("file", file)], where);
  return withFiles(raw, file);
}

describe("/import on Discord", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it("defers, downloads the file, and runs `import` with its text", async () => {
    const file = h.fake.serveFile("My Library.bib", BIB);
    await h.inject(importFile(file));

    expect(h.service.runs.map((run) => run.input)).toEqual(["import"]);
    const ctx = h.service.runs[0]?.ctx;
    expect(ctx?.attachment).toEqual({ name: "My Library.bib", bytes: Buffer.byteLength(BIB), text: BIB });
    expect(ctx?.target).toEqual({ platform: "discord", kind: "user", id: USER_ID });
    // The acknowledgement goes out before the download, which may outlast Discord's 3 s.
    const order = h.fake.requests.map((request) => request.path);
    const deferredAt = order.findIndex((path) => path.endsWith("/callback"));
    const downloadedAt = order.findIndex((path) => path.startsWith("/attachments/"));
    expect(deferredAt).toBeGreaterThanOrEqual(0);
    expect(downloadedAt).toBeGreaterThan(deferredAt);
    expect(h.fake.find("POST", /\/callback$/)[0]?.body).toEqual({ type: 5, data: { flags: EPHEMERAL } });
    expect(h.fake.downloads()[0]?.authorization).toBeUndefined();
  });

  it("passes `ids:` as the command's text", async () => {
    await h.inject(
      chatCommand("import", [], options({ ids: " 2410.12345   https://arxiv.org/abs/2311.00001 " })),
    );
    expect(h.service.runs.map((run) => run.input)).toEqual([
      "import 2410.12345 https://arxiv.org/abs/2311.00001",
    ]);
    expect(h.service.runs[0]?.ctx.attachment).toBeUndefined();
    expect(h.fake.downloads()).toEqual([]);
  });

  it("passes `ids: clear`, and a bare /import, through unchanged", async () => {
    await h.inject(chatCommand("import", [], options({ ids: "clear" })));
    await h.inject(chatCommand("import", []));
    expect(h.service.runs.map((run) => run.input)).toEqual(["import clear", "import"]);
  });

  it("refuses a file and ids together at once, without downloading", async () => {
    const file = h.fake.serveFile("refs.bib", BIB);
    const raw = withFiles(
      chatCommand("import", [], [fileOption("file", file), ...options({ ids: "2410.12345" })]),
      file,
    );
    await h.inject(raw);
    expect(h.service.runs).toEqual([]);
    expect(h.fake.downloads()).toEqual([]);
    expect(h.fake.find("POST", /\/callback$/)[0]?.body.data.content).toMatch(/either a file or arXiv ids/);
  });

  it("does not fetch a file Discord reports as over the cap, and passes it without text", async () => {
    const file = h.fake.serveFile("huge.bib", "@misc{a, title={A}}", { size: MAX_LIBRARY_BYTES + 1 });
    await h.inject(importFile(file));

    expect(h.fake.downloads()).toEqual([]);
    expect(h.service.runs[0]?.input).toBe("import");
    expect(h.service.runs[0]?.ctx.attachment).toEqual({ name: "huge.bib", bytes: MAX_LIBRARY_BYTES + 1 });
  });

  it.each([
    { case: "the file server answers 404", serve: { status: 404 } },
    { case: "the file server fails", serve: { status: 500 } },
    {
      case: "the file streams past the cap despite its reported size",
      body: Buffer.alloc(MAX_LIBRARY_BYTES + 1, "a"),
      serve: { size: 1000, announceLength: false },
    },
    {
      case: "the announced length is over the cap",
      body: Buffer.alloc(MAX_LIBRARY_BYTES + 1, "a"),
      serve: { size: 1000 },
    },
  ])("tells the user, and runs nothing, when $case", async ({ body, serve }) => {
    const file = h.fake.serveFile("refs.bib", body ?? BIB, serve);
    await h.inject(importFile(file));

    expect(h.fake.downloads()).toHaveLength(1);
    expect(h.service.runs).toEqual([]);
    const [edit] = h.fake.find("PATCH", /\/messages\/@original$/);
    expect(edit?.body.content).toBe("Could not download refs.bib from Discord; try again.");
    const warning = h.log.lines.find((line) => line.level === "warn");
    expect(JSON.stringify(warning?.obj)).not.toContain("hm=signed");
  });

  it("tells the user when the file server cannot be reached", async () => {
    const file = h.fake.serveFile("refs.bib", BIB);
    const unreachable = { ...file, url: "http://127.0.0.1:1/attachments/1/2/refs.bib" };
    await h.inject(importFile(unreachable));
    expect(h.service.runs).toEqual([]);
    expect(h.fake.find("PATCH", /\/messages\/@original$/)[0]?.body.content).toMatch(
      /^Could not download refs\.bib from Discord/,
    );
  });
});

describe("/channel import", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it("imports a file for the channel, for members with Manage Channels", async () => {
    const file = h.fake.serveFile("reading-list.ris", "TY  - JOUR\nTI  - A paper\nER  - \n");
    await h.inject(importFile(file, ADMIN, true));

    const [run] = h.service.runs;
    expect(run?.input).toBe("import");
    expect(run?.ctx.target).toEqual({ platform: "discord", kind: "channel", id: CHANNEL_ID });
    expect(run?.ctx.attachment?.text).toContain("TI  - A paper");
    expect(await run?.ctx.canManage()).toBe(true);
  });

  it("passes ids for the channel", async () => {
    await h.inject(chatCommand("channel", ["import"], options({ ids: "2410.12345" }), ADMIN));
    expect(h.service.runs.map((run) => [run.input, run.ctx.target.kind])).toEqual([
      ["import 2410.12345", "channel"],
    ]);
  });

  it("refuses members without Manage Channels before downloading anything", async () => {
    const file = h.fake.serveFile("refs.bib", BIB);
    await h.inject(importFile(file, {}, true));
    expect(h.service.runs).toEqual([]);
    expect(h.fake.downloads()).toEqual([]);
    const [reply] = h.fake.find("POST", /\/callback$/);
    expect(reply?.body.data.content).toContain("Manage Channels");
    expect(reply?.body.data.flags).toBe(EPHEMERAL);
  });
});

describe("/import end to end", () => {
  let fake: FakeDiscord;
  let bot: DiscordBot;
  let store: Store;

  beforeEach(async () => {
    fake = await FakeDiscord.start();
    store = openMemoryStore();
    const log = recordingLogger();
    const service = realCommandService(store, log);
    bot = createDiscordBot({ token: "unused-in-tests", apiRoot: fake.apiRoot, service, log });
    bot.client.rest.setToken("x");
  });
  afterEach(async () => {
    await bot.stop();
    await fake.close();
  });

  function inject(raw: ReturnType<typeof importFile>): Promise<void> {
    return injectInteraction(bot, raw);
  }

  it("stores the library of an arXiv BibTeX export and says what it imported", async () => {
    await inject(importFile(fake.serveFile("arxiv-export.bib", BIB)));

    const library = await store.libraries.get(`discord:user:${USER_ID}`);
    expect(library?.papers.map((paper) => paper.arxivId)).toContain("1706.03762");
    const [edit] = fake.find("PATCH", /\/messages\/@original$/);
    const shown = JSON.stringify(edit?.body);
    expect(shown).toMatch(/Imported \d+ papers/);
    expect(shown).toContain("Attention Is All You Need");
  });

  it("answers an oversized file with the size limit and stores nothing", async () => {
    await inject(importFile(fake.serveFile("huge.bib", "x", { size: 3 * 1024 * 1024 })));
    expect(await store.libraries.get(`discord:user:${USER_ID}`)).toBeUndefined();
    expect(JSON.stringify(fake.find("PATCH", /\/messages\/@original$/)[0]?.body)).toMatch(
      /3\.0 MB; the limit is 2 MB/,
    );
  });
});
