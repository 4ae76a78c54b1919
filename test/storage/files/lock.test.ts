import { readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StoreLockedError, StoreReadOnlyError } from "../../../src/core/store/errors.js";
import type { Store } from "../../../src/core/store/port.js";
import { openFileStore } from "../../../src/storage/files/open-file-store.js";
import { aSubscription, deadPid, makeTempDir, recordingLogger } from "./helpers.js";

const now = new Date("2024-03-10T07:00:00.000Z");

let dir: string;
let cleanup: () => Promise<void>;
let lockFile: string;
let opened: Store[];
let log: ReturnType<typeof recordingLogger>;

async function open(options: { readOnly?: boolean } = {}): Promise<Store> {
  const store = await openFileStore(dir, { log, ...options });
  opened.push(store);
  return store;
}

async function writeLock(pid: number, host = os.hostname()): Promise<string> {
  const text = JSON.stringify({ pid, host, startedAt: "2024-03-01T00:00:00.000Z" });
  await writeFile(lockFile, text);
  return text;
}

beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
  lockFile = path.join(dir, "paperboy.lock");
  opened = [];
  log = recordingLogger();
});

afterEach(async () => {
  await Promise.all(opened.map((store) => store.close()));
  await cleanup();
});

describe("one paperboy per data folder", () => {
  it("writes paperboy.lock with this process's pid and host, and removes it on close", async () => {
    const store = await open();
    const lock = JSON.parse(await readFile(lockFile, "utf8")) as Record<string, unknown>;
    expect(lock).toEqual({ pid: process.pid, host: os.hostname(), startedAt: expect.any(String) });
    await store.close();
    await expect(readFile(lockFile)).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("refuses a second store on the folder in this process, naming the folder and the pid", async () => {
    await open();
    const second = await openFileStore(dir, { log }).catch((error: unknown) => error);
    expect(second).toBeInstanceOf(StoreLockedError);
    expect(second).toMatchObject({ folder: dir, pid: process.pid });
    expect((second as Error).message).toContain(`process ${process.pid}`);
  });

  it("refuses a folder locked by another live process, and leaves its lock alone", async () => {
    const text = await writeLock(process.ppid);
    const error = await open().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StoreLockedError);
    expect((error as Error).message).toContain(dir);
    expect((error as Error).message).toContain(`process ${process.ppid}`);
    expect(await readFile(lockFile, "utf8")).toBe(text);
  });

  it("takes over the lock of a process that is gone, warning with the folder and its pid", async () => {
    const pid = deadPid();
    await writeLock(pid);
    const store = await open();
    await store.subscriptions.put("discord:user:1", aSubscription());
    const [warning, ...more] = log.messages("warn");
    expect(more).toEqual([]);
    expect(warning).toContain(dir);
    expect(warning).toContain(String(pid));
    expect(JSON.parse(await readFile(lockFile, "utf8"))).toMatchObject({ pid: process.pid });
  });

  it("takes over a lock naming this very pid that this process does not hold (a restarted container)", async () => {
    await writeLock(process.pid);
    await open();
    expect(log.messages("warn")).toHaveLength(1);
  });

  it("takes over an unreadable lock file with a warning", async () => {
    await writeFile(lockFile, "{ half a lo");
    await open();
    expect(log.messages("warn")[0]).toContain(lockFile);
  });

  it("honours a lock written on another host, and says which file to delete if that paperboy is gone", async () => {
    await writeLock(deadPid(), "some-other-host");
    await expect(open()).rejects.toBeInstanceOf(StoreLockedError);
    expect(log.messages("error")[0]).toContain(`delete ${lockFile}`);
  });

  it("can be opened again once closed", async () => {
    const first = await open();
    await first.close();
    await expect(open()).resolves.toBeDefined();
  });

  it("close leaves a lock that is no longer this store's", async () => {
    const store = await open();
    const text = await writeLock(process.ppid);
    await store.close();
    expect(await readFile(lockFile, "utf8")).toBe(text);
  });
});

describe("read-only", () => {
  it("opens beside a running paperboy, reads its data, takes no lock and refuses every change", async () => {
    const writer = await open();
    await writer.profiles.update("discord:user:1", now, (profile) => void profile.interests.push("rl"));
    const lockBefore = await readFile(lockFile, "utf8");

    const reader = await open({ readOnly: true });
    expect((await reader.profiles.get("discord:user:1"))?.interests).toEqual(["rl"]);
    const refusals = [
      reader.profiles.update("discord:user:1", now, (profile) => void profile.liked.push("x")),
      reader.subscriptions.put("discord:user:1", aSubscription()),
      reader.subscriptions.delete("discord:user:1"),
      reader.deliveries.prune({ deliveriesBefore: "2024-01-01", sentPublishedBefore: now }),
      reader.papers.put([]),
    ];
    for (const refusal of refusals) await expect(refusal).rejects.toBeInstanceOf(StoreReadOnlyError);
    await reader.close();

    expect(await readFile(lockFile, "utf8")).toBe(lockBefore);
    expect((await writer.profiles.get("discord:user:1"))?.liked).toEqual([]);
  });

  it("does not create a missing data folder", async () => {
    const missing = path.join(dir, "not-there");
    const store = await openFileStore(missing, { log, readOnly: true });
    expect(await store.profiles.get("discord:user:1")).toBeUndefined();
    await store.close();
    await expect(readFile(path.join(missing, "paperboy.lock"))).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("a read-only store's change is refused even when it would change nothing", async () => {
    await (await open()).close();
    const reader = await open({ readOnly: true });
    await expect(reader.profiles.update("discord:user:1", now, () => "no change")).rejects.toThrow(
      /read-only/,
    );
    expect(await reader.profiles.get("discord:user:1")).toEqual(undefined);
  });
});
