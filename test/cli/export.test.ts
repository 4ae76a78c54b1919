import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { dataFolderCli } from "../helpers/data-folder-cli.js";
import { runExport } from "../../src/cli/export.js";
import { silentLogger } from "../../src/core/log.js";
import { parseLibrary } from "../../src/core/library/parse-library.js";
import type { Paper } from "../../src/core/paper.js";
import type { Store } from "../../src/core/store/port.js";
import { openFileStore } from "../../src/storage/files/open-file-store.js";
import { openMemoryStore } from "../../src/storage/files/memory-store.js";
import { ARXIV_PAPERS } from "../core/commands/harness.js";

const [TRAFFIC, GRIDS] = ARXIV_PAPERS.map((paper) => paper.id) as [string, string];
const PAPERS = new Map<string, Paper>(ARXIV_PAPERS.map((paper) => [paper.id, paper]));
const SAVED_AT = "2024-12-03T07:00:00.000Z";

async function save(store: Store, key: string, ...ids: string[]): Promise<void> {
  for (const paperId of ids)
    await store.readingLists.save(key, { paperId, savedBy: "local", savedAt: SAVED_AT });
}

async function run(args: string[], store: Store = openMemoryStore(), writes = new Map<string, string>()) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runExport(args, {
    readingLists: store.readingLists,
    papers: async (ids) => ids.flatMap((id) => PAPERS.get(id) ?? []),
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    write: async (file, text) => {
      if (file.includes("no-such-folder")) throw Object.assign(new Error("ENOENT"), { code: "ENOENT" });
      writes.set(file, text);
    },
  });
  return { code, out: out.join("\n"), err: err.join("\n"), writes };
}

function reimportedIds(text: string): string[] {
  const parsed = parseLibrary(text);
  if ("error" in parsed) throw new Error(parsed.error);
  return parsed.entries.map((entry) => entry.arxivId ?? "").sort();
}

describe("paperboy export", () => {
  it("writes a channel's list as BibTeX to standard output, the summary to standard error", async () => {
    const store = openMemoryStore();
    await save(store, "discord:channel:123", TRAFFIC, GRIDS);
    const { code, out, err } = await run(["--target", "discord:channel:123"], store);
    expect(code).toBe(0);
    expect(out).toMatch(/^@\w+\{/);
    expect(reimportedIds(out)).toEqual([TRAFFIC, GRIDS].sort());
    expect(err).toBe("Exported 2 papers of discord:channel:123 as BibTeX.");
  });

  it.each([
    ["ris", /^TY {2}- /],
    ["csl", /^\[/],
    ["BibTeX", /^@/],
  ])("--format %s writes that format to --out", async (format, opening) => {
    const store = openMemoryStore();
    await save(store, "console:user:local", GRIDS);
    const { code, out, err, writes } = await run(
      ["--target", "console:user:local", "--format", format, "--out", "list.file"],
      store,
    );
    expect(code).toBe(0);
    expect(out).toBe("");
    const text = writes.get("list.file") ?? "";
    expect(text).toMatch(opening);
    expect(reimportedIds(text)).toEqual([GRIDS]);
    expect(err).toMatch(/^Exported 1 paper of console:user:local as .* to list\.file\.$/);
  });

  it("exits 0 with a note for an empty list, writing nothing", async () => {
    const { code, out, err, writes } = await run(["--target", "telegram:user:42", "--out", "x.bib"]);
    expect(code).toBe(0);
    expect(out).toBe("");
    expect(writes.size).toBe(0);
    expect(err).toBe("Nothing exported: the reading list of telegram:user:42 is empty.");
  });

  it("leaves out, and names the count of, saved papers no longer in the corpus", async () => {
    const store = openMemoryStore();
    await save(store, "console:user:local", TRAFFIC, "2301.99999");
    const { code, out, err } = await run(["--target", "console:user:local"], store);
    expect(code).toBe(0);
    expect(reimportedIds(out)).toEqual([TRAFFIC]);
    expect(err).toContain("1 saved paper is no longer in the corpus and left out.");
  });

  it("exits 1 naming --out when the file cannot be written", async () => {
    const store = openMemoryStore();
    await save(store, "console:user:local", TRAFFIC);
    const { code, err } = await run(
      ["--target", "console:user:local", "--out", "no-such-folder/x.bib"],
      store,
    );
    expect(code).toBe(1);
    expect(err).toBe("Could not write --out no-such-folder/x.bib: the folder does not exist.");
  });

  it.each([
    [["--target", "discord:123"], /--target "discord:123" is not a target key: use platform:kind:id/],
    [["--target", "slack:user:1"], /is not a target key/],
    [["--target", "discord:group:1"], /is not a target key/],
    [[], /Whose reading list\? Give --target/],
    [
      ["--target", "console:user:local", "--format", "endnote"],
      /--format "endnote" is not an export format: use bibtex, ris or csl/,
    ],
    [["--target", "console:user:local", "--to", "x"], /--to/],
    [["--target", "console:user:local", "extra"], /extra/],
    [["--target", "console:user:local", "--out", " "], /--out needs a file name/],
  ])("exits 2 for %j, naming the valid form", async (args, message) => {
    const { code, err, out } = await run(args);
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(err).toContain("Usage: paperboy export --target KEY");
    expect(out).toBe("");
  });

  it("prints its usage for --help", async () => {
    const { code, out } = await run(["--help"]);
    expect(code).toBe(0);
    expect(out).toContain("--target");
    expect(out).toContain("discord:channel:123");
  });
});

describe("paperboy export through the CLI", () => {
  const { dir, cli } = dataFolderCli();

  it("reads the data folder's reading list and writes --out", async () => {
    const store = await openFileStore(dir(), { log: silentLogger });
    await store.papers.put(ARXIV_PAPERS);
    await save(store, "discord:channel:123", GRIDS);
    await store.close();

    const file = path.join(dir(), "channel.ris");
    const { code, err } = await cli([
      "export",
      "--target",
      "discord:channel:123",
      "--format",
      "ris",
      "--out",
      file,
    ]);
    expect(err).toBe(`Exported 1 paper of discord:channel:123 as RIS to ${file}.`);
    expect(code).toBe(0);
    expect(reimportedIds(await readFile(file, "utf8"))).toEqual([GRIDS]);
  });

  it("refuses a malformed target with exit 2 before opening any data", async () => {
    vi.stubEnv("DATA_DIR", "/dev/null/paperboy");
    const { code, err } = await cli(["export", "--target", "channel-123"]);
    expect(code).toBe(2);
    expect(err).toMatch(/--target "channel-123" is not a target key/);
  });

  it("is listed in paperboy help", async () => {
    const { out } = await cli(["help"]);
    expect(out).toContain("export --target KEY");
    expect((await cli(["export", "-h"])).out).toContain("Usage: paperboy export");
  });
});
