import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DocumentFormatError, DocumentVersionError } from "../../../src/core/state/migrate.js";
import { StateStore } from "../../../src/core/state/state-store.js";
import type { BotState, Profile } from "../../../src/core/state/types.js";
import { STATE_VERSION, emptyState } from "../../../src/core/state/types.js";
import { MemoryDocumentStore, memoryStore } from "../../../src/core/store/memory-store.js";
import type { DocumentStore } from "../../../src/core/store/port.js";
import { type FileStore, openFileStore } from "../../../src/storage/open-store.js";
import { makeTempDir, recordingLogger } from "../../storage/helpers/fixtures.js";

const profile = (interests: string[]): Profile => ({
  interests,
  liked: [],
  disliked: [],
  updatedAt: "2025-01-01",
});

/** Counts writes and can be told to fail the next one. */
class RecordingDocumentStore implements DocumentStore<BotState> {
  readonly location = "memory:recording";
  readonly inner = new MemoryDocumentStore<BotState>();
  writes = 0;
  failNext = false;

  read(): Promise<BotState | undefined> {
    return this.inner.read();
  }

  async write(doc: BotState): Promise<void> {
    this.writes += 1;
    if (this.failNext) {
      this.failNext = false;
      throw new Error("disk full");
    }
    await this.inner.write(doc);
  }
}

let dir: string;
let cleanup: () => Promise<void>;
let files: FileStore[];

function openFiles(): FileStore {
  const store = openFileStore(dir, recordingLogger());
  files.push(store);
  return store;
}

async function stateOnDisk(): Promise<BotState> {
  return JSON.parse(await readFile(path.join(dir, "state.json"), "utf-8")) as BotState;
}

beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
  files = [];
});

afterEach(async () => {
  await Promise.all(files.map((store) => store.close()));
  await cleanup();
});

describe("StateStore on real files", () => {
  it("starts from an empty state when there is no file", async () => {
    const store = await StateStore.open(openFiles().state);
    expect(store.state).toEqual(emptyState());
  });

  it("has each change on disk when update resolves, and reads it back after a restart", async () => {
    const files1 = openFiles();
    const store = await StateStore.open(files1.state);
    const result = await store.update((state) => {
      state.profiles["discord:user:1"] = profile(["graph neural networks"]);
      return "added";
    });
    expect(result).toBe("added");
    expect((await stateOnDisk()).profiles["discord:user:1"]?.interests).toEqual(["graph neural networks"]);

    await files1.close();
    const reopened = await StateStore.open(openFiles().state);
    expect(reopened.state.profiles["discord:user:1"]?.interests).toEqual(["graph neural networks"]);
  });

  it("applies 100 updates made in parallel, all of them", async () => {
    const store = await StateStore.open(openFiles().state);
    await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        store.update((state) => {
          state.profiles[`telegram:user:${i}`] = profile([`topic ${i}`]);
          const counter = (state.sent["console:user:counter"] ??= []);
          counter.push(String(i));
        }),
      ),
    );
    const disk = await stateOnDisk();
    expect(Object.keys(disk.profiles)).toHaveLength(100);
    expect(disk.sent["console:user:counter"]).toHaveLength(100);
    expect(store.state).toEqual(disk);
  });

  it("restores a truncated state.json from its backup, warning with both file names", async () => {
    const files1 = openFiles();
    const store = await StateStore.open(files1.state);
    await store.update((state) => {
      state.profiles["discord:user:1"] = profile(["rl"]);
    });
    await files1.close();
    const stateFile = path.join(dir, "state.json");
    const text = await readFile(stateFile, "utf-8");
    await writeFile(stateFile, text.slice(0, text.length - 10));

    const log = recordingLogger();
    const files2 = openFileStore(dir, log);
    files.push(files2);
    const restored = await StateStore.open(files2.state);
    expect(restored.state.profiles["discord:user:1"]?.interests).toEqual(["rl"]);
    expect(log.warnings()).toHaveLength(1);
    expect(log.warnings()[0]).toContain(stateFile);
    expect(log.warnings()[0]).toContain(`${stateFile}.bak`);
  });

  it("migrates a version 0 file on open, and writes the new version with the next change", async () => {
    await writeFile(
      path.join(dir, "state.json"),
      JSON.stringify({ users: { "discord:9": { interests: ["rl"] } } }),
    );
    const store = await StateStore.open(openFiles().state);
    expect(store.state.version).toBe(STATE_VERSION);
    expect(store.state.profiles["discord:user:9"]?.interests).toEqual(["rl"]);
    await store.update((state) => {
      state.profiles["discord:user:9"]?.liked.push("2410.00001");
    });
    const disk = await stateOnDisk();
    expect(disk.version).toBe(STATE_VERSION);
    expect(disk.profiles["discord:user:9"]?.liked).toEqual(["2410.00001"]);
  });

  it("refuses a state file with a wrong type deep in a delivery record, naming the file and the field", async () => {
    const stateFile = path.join(dir, "state.json");
    const state = emptyState();
    state.deliveries["telegram:user:7"] = [
      {
        localDate: "2025-01-02",
        at: "2025-01-02T07:00:00Z",
        status: "sent",
        paperIds: ["a"],
        sentIds: ["a"],
      },
    ];
    const text = JSON.stringify(state).replace('"sentIds":["a"]', '"sentIds":["a",42]');
    await writeFile(stateFile, text);
    const error = await StateStore.open(openFiles().state).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DocumentFormatError);
    expect((error as DocumentFormatError).field).toBe('deliveries["telegram:user:7"][0].sentIds');
    expect((error as Error).message).toContain(`${stateFile} has an unexpected shape at`);
    expect(await readFile(stateFile, "utf-8")).toBe(text);
  });

  it("refuses a state file from a newer paperboy, naming the file", async () => {
    const stateFile = path.join(dir, "state.json");
    await writeFile(stateFile, JSON.stringify({ ...emptyState(), version: STATE_VERSION + 5 }));
    const error = await StateStore.open(openFiles().state).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DocumentVersionError);
    expect((error as Error).message).toContain(stateFile);
    expect((error as Error).message).toMatch(/upgrade paperboy/i);
  });
});

describe("StateStore updates", () => {
  it("leaves the state exactly as it was when mutate throws, writes nothing, and passes the error on", async () => {
    const doc = new RecordingDocumentStore();
    const store = await StateStore.open(doc);
    await store.update((state) => {
      state.profiles["discord:user:1"] = profile(["rl", "graphs"]);
      state.sent["discord:user:1"] = ["a", "b", "c"];
    });
    const before = structuredClone(store.state);
    const writesBefore = doc.writes;

    const failing = store.update((state) => {
      state.profiles["discord:user:1"]?.interests.push("diffusion");
      state.profiles["discord:user:1"]?.interests.sort();
      const sent = state.sent["discord:user:1"];
      if (sent) sent.length = 0;
      delete state.profiles["discord:user:1"];
      state.profiles["discord:user:2"] = profile(["new"]);
      throw new Error("too many interests");
    });
    await expect(failing).rejects.toThrow("too many interests");
    expect(store.state).toEqual(before);
    expect(doc.writes).toBe(writesBefore);
  });

  it("refuses an async mutate and leaves the state unchanged", async () => {
    const store = await StateStore.open(new MemoryDocumentStore<BotState>());
    const asyncMutate = async (state: BotState) => {
      state.profiles["discord:user:1"] = profile(["rl"]);
    };
    await expect(store.update(asyncMutate)).rejects.toThrow(/synchronous/);
    expect(store.state.profiles).toEqual({});
  });

  it("coalesces a burst of updates into few writes", async () => {
    const doc = new RecordingDocumentStore();
    const store = await StateStore.open(doc);
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        store.update((state) => {
          state.profiles[`discord:user:${i}`] = profile([]);
        }),
      ),
    );
    expect(doc.writes).toBeLessThanOrEqual(2);
    expect(Object.keys((await doc.read())?.profiles ?? {})).toHaveLength(50);
  });

  it("rejects the updates whose write failed, and flush() writes their changes later", async () => {
    const doc = new RecordingDocumentStore();
    const store = await StateStore.open(doc);
    doc.failNext = true;
    await expect(
      store.update((state) => {
        state.profiles["discord:user:1"] = profile(["rl"]);
      }),
    ).rejects.toThrow("disk full");
    expect((await doc.read())?.profiles["discord:user:1"]).toBeUndefined();
    await store.flush();
    expect((await doc.read())?.profiles["discord:user:1"]?.interests).toEqual(["rl"]);
  });

  it("keeps accepting updates made right after another one resolves", async () => {
    const doc = new RecordingDocumentStore();
    const store = await StateStore.open(doc);
    for (let i = 0; i < 5; i++) {
      await store.update((state) => {
        state.profiles[`discord:user:${i}`] = profile([]);
      });
    }
    await store
      .update((state) => state)
      .then(() =>
        store.update((state) => {
          state.profiles["discord:user:last"] = profile([]);
        }),
      );
    expect(Object.keys((await doc.read())?.profiles ?? {})).toHaveLength(6);
  });

  it("flush() resolves at once when nothing is pending", async () => {
    const doc = new RecordingDocumentStore();
    const store = await StateStore.open(doc);
    await store.flush();
    expect(doc.writes).toBe(0);
  });
});

describe("memory store", () => {
  it("copies on read and write, so stored data changes only through write", async () => {
    const doc = new MemoryDocumentStore<BotState>("state");
    expect(await doc.read()).toBeUndefined();
    const state = emptyState();
    await doc.write(state);
    state.profiles["discord:user:1"] = profile(["rl"]);
    const read = await doc.read();
    expect(read?.profiles).toEqual({});
    if (read) read.version = 99;
    expect((await doc.read())?.version).toBe(STATE_VERSION);
  });

  it("memoryStore() keeps corpus and state apart", async () => {
    const store = memoryStore();
    await store.state.write(emptyState());
    expect(await store.corpus.read()).toBeUndefined();
    expect(store.state.location).not.toBe(store.corpus.location);
  });
});
