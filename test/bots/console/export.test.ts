import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { PassThrough } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runConsoleChat } from "../../../src/bots/console/chat.js";
import { parseLibrary } from "../../../src/core/library/parse-library.js";
import { ARXIV_PAPERS, harness } from "../../core/commands/harness.js";
import { makeTempDir } from "../../storage/files/helpers.js";

const [TRAFFIC, GRIDS] = ARXIV_PAPERS.map((paper) => paper.id) as [string, string];

let dir: string;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
});
afterEach(async () => {
  await cleanup();
});

/** Runs a console chat on the real command layer, exports written into `directory`. */
async function chat(lines: string[], directory = dir): Promise<string> {
  const h = await harness();
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = "";
  output.on("data", (chunk: Buffer) => (printed += chunk.toString("utf8")));
  const done = runConsoleChat({ input, output, service: h.service, directory });
  input.end(`${lines.join("\n")}\n`);
  await done;
  return printed;
}

function reimportedIds(text: string): string[] {
  const parsed = parseLibrary(text);
  if ("error" in parsed) throw new Error(parsed.error);
  return parsed.entries.map((entry) => entry.arxivId ?? "").sort();
}

describe("/export in the console chat", () => {
  it("writes the file into the directory and says so with its size", async () => {
    const printed = await chat([`/save ${TRAFFIC}`, `/save ${GRIDS}`, "/export"]);
    const text = await readFile(path.join(dir, "reading-list.bib"), "utf8");
    expect(printed).toContain("Your reading list: 2 papers as reading-list.bib.");
    expect(printed).toContain(`Wrote reading-list.bib (${Buffer.byteLength(text)} bytes)`);
    expect(reimportedIds(text)).toEqual([TRAFFIC, GRIDS].sort());
  });

  it("never overwrites: later exports get -1, -2 before the extension", async () => {
    await writeFile(path.join(dir, "reading-list.bib"), "mine\n");
    const printed = await chat([`/save ${TRAFFIC}`, "/export", "/export bibtex", "/export ris"]);
    expect(await readFile(path.join(dir, "reading-list.bib"), "utf8")).toBe("mine\n");
    expect(printed).toMatch(/Wrote reading-list-1\.bib \(\d+ bytes\)[\s\S]*Wrote reading-list-2\.bib/);
    expect(printed).toMatch(/Wrote reading-list\.ris \(\d+ bytes\)/);
    expect((await readdir(dir)).sort()).toEqual([
      "reading-list-1.bib",
      "reading-list-2.bib",
      "reading-list.bib",
      "reading-list.ris",
    ]);
    expect(reimportedIds(await readFile(path.join(dir, "reading-list.ris"), "utf8"))).toEqual([TRAFFIC]);
  });

  it("shows 🔖 as a typeable /save, which saves the paper", async () => {
    const printed = await chat([`/paper ${GRIDS}`, `/save:${GRIDS}`, "/saved"]);
    expect(printed).toContain(`[🔖: /save ${GRIDS}]`);
    expect(printed).toMatch(/Saved .*Graph neural networks for power grids.* to your reading list/);
    expect(printed).toContain("Page 1 of 1 · 1 paper");
  });

  it("writes nothing for an empty list", async () => {
    const printed = await chat(["/export"]);
    expect(printed).toContain("Nothing on your reading list to export yet");
    expect(printed).not.toContain("Wrote");
    expect(await readdir(dir)).toEqual([]);
  });

  it("says why the file could not be written, and goes on", async () => {
    const printed = await chat([`/save ${TRAFFIC}`, "/export", "/saved"], path.join(dir, "gone"));
    expect(printed).toContain("Could not write reading-list.bib: the folder does not exist.");
    expect(printed).toContain("Page 1 of 1");
  });
});
