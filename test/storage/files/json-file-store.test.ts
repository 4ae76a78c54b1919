import { open, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StorageCorruptError } from "../../../src/core/store/errors.js";
import { JsonFileStore } from "../../../src/storage/files/json-file-store.js";
import { makeTempDir, recordingLogger } from "./helpers.js";

interface Notes {
  owner: string;
  items: string[];
}

const first: Notes = { owner: "ada", items: ["graph neural networks"] };
const second: Notes = { owner: "ada", items: ["graph neural networks", "diffusion models"] };

let dir: string;
let cleanup: () => Promise<void>;
let file: string;
let opened: JsonFileStore<Notes>[];
let log: ReturnType<typeof recordingLogger>;

function openStore(): JsonFileStore<Notes> {
  const store = new JsonFileStore<Notes>(file, log);
  opened.push(store);
  return store;
}

/** Simulates a restart: the old store lets go of the file and a new one opens it. */
async function reopen(store: JsonFileStore<Notes>): Promise<JsonFileStore<Notes>> {
  await store.close();
  return openStore();
}

async function filesInDir(): Promise<string[]> {
  return (await readdir(dir)).sort();
}

beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
  file = path.join(dir, "notes.json");
  opened = [];
  log = recordingLogger();
});

afterEach(async () => {
  await Promise.all(opened.map((store) => store.close()));
  await cleanup();
});

describe("JsonFileStore", () => {
  it("reads undefined when nothing was ever stored", async () => {
    const store = openStore();
    expect(await store.read()).toBeUndefined();
    expect(await filesInDir()).toEqual([]);
  });

  it("reads back what it wrote, after a restart too", async () => {
    let store = openStore();
    await store.write(second);
    store = await reopen(store);
    expect(await store.read()).toEqual(second);
    expect(JSON.parse(await readFile(file, "utf-8"))).toEqual(second);
  });

  it("names its file by absolute path", () => {
    const store = openStore();
    expect(store.location).toBe(path.resolve(file));
    expect(store.backupLocation).toBe(`${path.resolve(file)}.bak`);
  });

  it("replaces the file by rename, so a reader of the old file never sees a half-written one", async () => {
    const store = openStore();
    await store.write(first);
    const before = await stat(file);
    const oldHandle = await open(file, "r");
    try {
      await store.write({ owner: "ada", items: Array.from({ length: 5000 }, (_, i) => `topic ${i}`) });
      expect((await stat(file)).ino).not.toBe(before.ino);
      expect(JSON.parse(await oldHandle.readFile("utf-8"))).toEqual(first);
    } finally {
      await oldHandle.close();
    }
    expect(await filesInDir()).toEqual(["notes.json", "notes.json.bak"]);
  });

  it("writes compact JSON, and keeps the backup a byte-for-byte copy of it", async () => {
    const store = openStore();
    await store.write(second);
    const text = await readFile(file, "utf-8");
    expect(text).toBe(JSON.stringify(second));
    expect(await readFile(`${file}.bak`, "utf-8")).toBe(text);
  });

  it("reads a file written indented, as earlier versions wrote it", async () => {
    await writeFile(file, JSON.stringify(second, null, 2));
    const store = openStore();
    expect(await store.read()).toEqual(second);
    expect(log.messages("warn")).toEqual([]);
  });

  it("serialises concurrent writes: all resolve and the last one wins", async () => {
    const store = openStore();
    const docs = Array.from({ length: 50 }, (_, i) => ({ owner: "ada", items: [`version ${i}`] }));
    await Promise.all(docs.map((doc) => store.write(doc)));
    expect(JSON.parse(await readFile(file, "utf-8"))).toEqual(docs.at(-1));
    expect(await store.read()).toEqual(docs.at(-1));
  });

  it("keeps the last good document in <file>.bak after every write", async () => {
    const store = openStore();
    await store.write(first);
    expect(JSON.parse(await readFile(`${file}.bak`, "utf-8"))).toEqual(first);
    await store.write(second);
    expect(JSON.parse(await readFile(`${file}.bak`, "utf-8"))).toEqual(second);
  });

  it("restores a truncated file from the backup, warns naming both, and keeps the broken file", async () => {
    let store = openStore();
    await store.write(second);
    const full = await readFile(file, "utf-8");
    const truncated = full.slice(0, Math.floor(full.length / 2));
    await writeFile(file, truncated);

    store = await reopen(store);
    expect(await store.read()).toEqual(second);

    const [warning, ...more] = log.messages("warn");
    expect(more).toEqual([]);
    expect(warning).toContain(path.resolve(file));
    expect(warning).toContain(`${path.resolve(file)}.bak`);
    expect(JSON.parse(await readFile(file, "utf-8"))).toEqual(second);
    const kept = (await filesInDir()).filter((name) => name.startsWith("notes.json.corrupt-"));
    expect(kept).toHaveLength(1);
    expect(await readFile(path.join(dir, kept[0] ?? ""), "utf-8")).toBe(truncated);
    expect(warning).toContain(kept[0]);
  });

  it("treats an empty file as corrupt, not as missing", async () => {
    let store = openStore();
    await store.write(first);
    await writeFile(file, "");
    store = await reopen(store);
    expect(await store.read()).toEqual(first);
    expect(log.messages("warn")).toHaveLength(1);
  });

  it("restores from the backup when the main file has gone missing", async () => {
    let store = openStore();
    await store.write(second);
    await rm(file);
    store = await reopen(store);
    expect(await store.read()).toEqual(second);
    expect(log.messages("warn")[0]).toContain(`${path.resolve(file)} is missing`);
    expect(JSON.parse(await readFile(file, "utf-8"))).toEqual(second);
  });

  it("throws StorageCorruptError naming both files when both are bad, and overwrites nothing", async () => {
    let store = openStore();
    await store.write(second);
    await writeFile(file, '{"owner": "ada", "ite');
    await writeFile(`${file}.bak`, "not json at all");
    store = await reopen(store);

    const error = await store.read().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StorageCorruptError);
    const message = (error as Error).message;
    expect(message).toContain(path.resolve(file));
    expect(message).toContain(`${path.resolve(file)}.bak`);
    expect(message).toMatch(/restore a good copy/i);
    expect(message).toMatch(/move .* away/i);

    expect(await readFile(file, "utf-8")).toBe('{"owner": "ada", "ite');
    expect(await readFile(`${file}.bak`, "utf-8")).toBe("not json at all");
    const kept = (await filesInDir()).filter((name) => name.startsWith("notes.json.corrupt-"));
    expect(kept).toHaveLength(1);
    expect(await readFile(path.join(dir, kept[0] ?? ""), "utf-8")).toBe('{"owner": "ada", "ite');
  });

  it("keeps one copy aside however often a start fails on the same broken files", async () => {
    await writeFile(file, "{");
    await writeFile(`${file}.bak`, "{");
    let store = openStore();
    await expect(store.read()).rejects.toBeInstanceOf(StorageCorruptError);
    store = await reopen(store);
    await expect(store.read()).rejects.toBeInstanceOf(StorageCorruptError);
    expect((await filesInDir()).filter((name) => name.includes(".corrupt-"))).toHaveLength(1);
  });

  it("says so when the main file is corrupt and there is no backup", async () => {
    await writeFile(file, "[1, 2");
    const store = openStore();
    await expect(store.read()).rejects.toThrow(/there is no backup/);
  });

  it("does not start empty when the main file is missing and the backup is unreadable", async () => {
    await writeFile(`${file}.bak`, "{");
    const store = openStore();
    const error = await store.read().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StorageCorruptError);
    expect((error as Error).message).toContain(`${path.resolve(file)} is missing`);
    expect((error as Error).message).toContain(`move ${path.resolve(file)}.bak away`);
  });

  it("moves a corrupt file aside before a write that was not preceded by a read replaces it", async () => {
    await writeFile(file, '{"owner": ');
    const store = openStore();
    await store.write(first);
    expect(JSON.parse(await readFile(file, "utf-8"))).toEqual(first);
    const kept = (await filesInDir()).filter((name) => name.startsWith("notes.json.corrupt-"));
    expect(kept).toHaveLength(1);
    expect(await readFile(path.join(dir, kept[0] ?? ""), "utf-8")).toBe('{"owner": ');
    expect(log.messages("warn")[0]).toContain(kept[0]);
  });

  it("read-only, reads the backup of a broken file without restoring, moving or copying anything", async () => {
    let store = openStore();
    await store.write(second);
    await writeFile(file, "{");
    await store.close();
    store = new JsonFileStore<Notes>(file, log, { readOnly: true });
    opened.push(store);
    expect(await store.read()).toEqual(second);
    expect(await readFile(file, "utf-8")).toBe("{");
    expect(await filesInDir()).toEqual(["notes.json", "notes.json.bak"]);
    await expect(store.write(first)).rejects.toThrow(/read-only/);
  });

  it("rejects operations after close", async () => {
    const store = openStore();
    await store.close();
    await expect(store.write(first)).rejects.toThrow(/closed/);
  });
});
