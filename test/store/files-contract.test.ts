import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { silentLogger } from "../../src/core/log.js";
import { openFileStore } from "../../src/storage/files/open-file-store.js";
import { openMemoryStore } from "../../src/storage/files/memory-store.js";
import { recordingIo } from "../storage/files/helpers.js";
import { describeStoreContract } from "./contract/describe-store-contract.js";

describeStoreContract("memory", async () => {
  const store = openMemoryStore();
  return { store, cleanup: () => store.close() };
});

describeStoreContract(
  "files",
  async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "paperboy-store-contract-"));
    // File operations that can be made to fail: root ignores file modes, so chmod cannot.
    const { io, failOpens } = recordingIo();
    let store = await openFileStore(dir, { log: silentLogger, io });
    return {
      store,
      async reopen() {
        await store.close();
        store = await openFileStore(dir, { log: silentLogger, io });
        return store;
      },
      failNextWrite: () => failOpens(/./),
      async cleanup() {
        await store.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  },
  { durable: true, failable: true },
);
