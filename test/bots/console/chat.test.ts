import { spawn } from "node:child_process";
import { copyFile, truncate, writeFile } from "node:fs/promises";
import path from "node:path";
import { PassThrough } from "node:stream";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runConsoleChat } from "../../../src/bots/console/chat.js";
import { renderReply } from "../../../src/bots/console/render.js";
import { harness, type Harness } from "../../core/commands/harness.js";
import { makeTempDir } from "../../storage/files/helpers.js";

async function chat(lines: string[], h?: Harness): Promise<string> {
  h ??= await harness();
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = "";
  output.on("data", (chunk: Buffer) => (printed += chunk.toString("utf8")));
  const done = runConsoleChat({ input, output, service: h.service, greeting: "hello" });
  input.end(`${lines.join("\n")}\n`);
  await done;
  return printed;
}

describe("console chat", () => {
  it("answers piped commands in order and resolves at end of input", async () => {
    const printed = await chat(["/interests add graph neural networks", "", "/interests list", "/fnd x"]);
    expect(printed.startsWith("hello")).toBe(true);
    const added = printed.indexOf("Added: “graph neural networks”");
    const listed = printed.indexOf("1. graph neural networks");
    expect(added).toBeGreaterThan(0);
    expect(listed).toBeGreaterThan(added);
    expect(printed).toContain("Did you mean /find?");
  });

  it("shows buttons as typeable hints, and typing one presses it", async () => {
    const h = await harness();
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = "";
    const hint = new Promise<string>((resolve) => {
      output.on("data", (chunk: Buffer) => {
        printed += chunk.toString("utf8");
        const found = /\[Next page: (\/find:[\w-]+:2)\]/.exec(printed)?.[1];
        if (found) resolve(found);
      });
    });
    const done = runConsoleChat({ input, output, service: h.service });
    input.write("/find language models\n");
    // The page token is made per search, so it is read from this chat's own answer before typing it.
    input.end(`${await hint}\n`);
    await done;
    expect(printed).toMatch(/\[👍: \/like \S+\]/);
    expect(printed).toMatch(/Page 2 of/);
  });

  it("follows, mutes and limits categories, and shows them in /settings", async () => {
    const printed = await chat([
      "/follow Ada Lovelace",
      "/mute power grids",
      "/categories cs.LG cs.CL",
      "/settings",
    ]);
    expect(printed).toContain("Following “Ada Lovelace”");
    expect(printed).toContain("[Undo: /unfollow:Ada Lovelace]");
    expect(printed).toContain("Muted “power grids”");
    expect(printed).toContain("Categories: cs.LG, cs.CL only.");
  });

  it("stops at /quit without waiting for the end of input", async () => {
    const h = await harness();
    const input = new PassThrough();
    const output = new PassThrough();
    const done = runConsoleChat({ input, output, service: h.service });
    input.write("/quit\n");
    await expect(done).resolves.toBeUndefined();
  });

  it("works as a process with piped stdin and exits cleanly", async () => {
    const script = fileURLToPath(new URL("./chat-process.ts", import.meta.url));
    const child = spawn(process.execPath, ["--import", "tsx", script], { stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stdin.end("/interests add diffusion models\n/settings\n");
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(code).toBe(0);
    expect(stdout).toContain("Interests (1 of 25): diffusion models");
  }, 30_000);
});

describe("/import in the console", () => {
  const LOCAL = "console:user:local";
  const BIB = fileURLToPath(new URL("../../fixtures/library/arxiv-export.bib", import.meta.url));
  let dir: string;
  let cleanup: () => Promise<void>;
  let h: Harness;

  beforeEach(async () => {
    ({ dir, cleanup } = await makeTempDir());
    h = await harness();
  });
  afterEach(async () => {
    await cleanup();
  });

  it("reads the file a path names and imports it", async () => {
    const file = path.join(dir, "My Library.bib");
    await copyFile(BIB, file);
    const printed = await chat([`/import ${file}`], h);

    expect(printed).toMatch(/Imported \d+ papers/);
    const library = await h.store.libraries.get(LOCAL);
    expect(library?.papers.map((paper) => paper.arxivId)).toContain("1706.03762");
  });

  it("accepts a quoted path", async () => {
    const file = path.join(dir, "refs.bib");
    await copyFile(BIB, file);
    await chat([`/import "${file}"`], h);
    expect((await h.store.libraries.get(LOCAL))?.papers.length).toBeGreaterThan(0);
  });

  it("measures a file over the cap without reading it, and answers with the limit", async () => {
    const file = path.join(dir, "huge.bib");
    await writeFile(file, "");
    await truncate(file, 3 * 1024 * 1024);
    const printed = await chat([`/import ${file}`], h);

    expect(printed).toContain("The file is 3.0 MB; the limit is 2 MB.");
    expect(await h.store.libraries.get(LOCAL)).toBeUndefined();
  });

  it("says why a path cannot be read", async () => {
    const printed = await chat(
      [`/import ${path.join(dir, "missing.bib")}`, "/import refs.ris", `/import ${dir}`],
      h,
    );
    expect(printed).toContain(`Cannot read ${path.join(dir, "missing.bib")}: no such file.`);
    expect(printed).toContain("Cannot read refs.ris: no such file.");
    expect(printed).toContain(`Cannot read ${dir}: it is not a file.`);
  });

  it("passes arXiv ids, URLs and clear to the command layer when no file is named", async () => {
    const printed = await chat(
      ["/import 2410.12345 https://arxiv.org/abs/2410.54321", "/settings", "/import clear"],
      h,
    );
    expect(printed).toContain("Imported 2 papers.");
    expect(printed).toContain("Removed the imported library.");
    expect(printed).not.toContain("Cannot read");
    expect(await h.store.libraries.get(LOCAL)).toBeUndefined();
  });

  it("takes old-style arXiv ids for ids, not paths", async () => {
    const printed = await chat(["/import hep-th/9711200"], h);
    expect(printed).toContain("neither the corpus nor arXiv knows “hep-th/9711200”");
    expect(printed).not.toContain("Cannot read");
  });
});

describe("renderReply", () => {
  it("renders cards with their explanation and an error with a warning sign", () => {
    const rendered = renderReply({
      kind: "papers",
      title: "Today's picks",
      lines: [],
      cards: [
        {
          id: "2410.12345",
          title: "A paper",
          authors: ["Ada"],
          excerpt: "Short.",
          score: 0.5,
          why: "matches your interest “rl”",
          matched: ["reinforcement"],
          buttons: [{ label: "👍", action: "like:2410.12345" }],
        },
      ],
      buttons: [],
    });
    expect(rendered).toContain("1. A paper  (score 0.50)");
    expect(rendered).toContain("Why: matches your interest “rl” · terms: reinforcement");
    expect(rendered).toContain("[👍: /like 2410.12345]");
    expect(renderReply({ kind: "error", lines: ["Bad."], cards: [], buttons: [] })).toMatch(/^⚠/);
  });
});
