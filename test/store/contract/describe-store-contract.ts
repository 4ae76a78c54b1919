import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../../../src/core/store/port.js";
import { claimCases } from "./claim-cases.js";
import { countCases } from "./count-cases.js";
import { durabilityCases } from "./durability-cases.js";
import { failedSinceCases } from "./failed-since-cases.js";
import type { ContractOptions, OpenedStore, StoreHandle } from "./helpers.js";
import { historyCases } from "./history-cases.js";
import {
  ingestRunCases,
  ingestRunDurabilityCases,
  ingestRunFailureCases,
  sharedIngestRunCases,
} from "./ingest-run-cases.js";
import { jobCases, sharedJobCases } from "./job-cases.js";
import { leaseCases } from "./lease-cases.js";
import { libraryCases, libraryDurabilityCases, libraryFailureCases } from "./library-cases.js";
import { paperCases } from "./paper-cases.js";
import { paperReadCases } from "./paper-read-cases.js";
import {
  paperVersionCases,
  paperVersionDurabilityCases,
  sharedPaperVersionCases,
} from "./paper-version-cases.js";
import { profileCases } from "./profile-cases.js";
import {
  readingListCases,
  readingListDurabilityCases,
  readingListFailureCases,
  sharedReadingListCases,
} from "./reading-list-cases.js";
import { replaceAllCases, replaceAllDurabilityCases } from "./replace-all-cases.js";
import { sharedCases } from "./shared-cases.js";
import { snapshotCases } from "./snapshot-cases.js";
import { subscriptionCases } from "./subscription-cases.js";
import { takeOverCases } from "./takeover-cases.js";
import { sharedVoteCases, voteCases, voteDurabilityCases, voteFailureCases } from "./vote-cases.js";

export type { ContractOptions, OpenedStore } from "./helpers.js";

/**
 * The Store contract, as one suite every adapter runs (after Keyv's `storageTestSuite`). Each case
 * gets a fresh store from `open` over empty storage and cleans it up afterwards, so no case depends
 * on another or on their order. Every `now` is a fixed date: no case reads the clock.
 *
 * @example describeStoreContract("memory", async () => { const store = openMemoryStore(); return { store, cleanup: () => store.close() }; });
 */
export function describeStoreContract(
  name: string,
  open: () => Promise<OpenedStore>,
  options: ContractOptions = {},
): void {
  describe(`Store contract: ${name}`, () => {
    let opened: OpenedStore | undefined;
    let current: Store | undefined;
    /** The stores `fresh()` opened during the case, cleaned up after it. */
    let extras: OpenedStore[] = [];

    const handle: StoreHandle = {
      get store(): Store {
        if (!current) throw new Error("the contract suite has no open store outside a case");
        return current;
      },
      async reopen(): Promise<Store> {
        if (!opened?.reopen)
          throw new Error(`${name}: the runner gives no reopen(), needed by durable cases`);
        current = await opened.reopen();
        return current;
      },
      async another(): Promise<Store> {
        if (!opened?.another)
          throw new Error(`${name}: the runner gives no another(), needed by shared cases`);
        return opened.another();
      },
      async fresh(): Promise<Store> {
        const extra = await open();
        extras.push(extra);
        return extra.store;
      },
      failNextWrite(): void {
        if (!opened?.failNextWrite)
          throw new Error(`${name}: the runner gives no failNextWrite(), needed by failure cases`);
        opened.failNextWrite();
      },
    };

    beforeEach(async () => {
      opened = await open();
      current = opened.store;
    });

    afterEach(async () => {
      const done = opened;
      const others = extras;
      opened = undefined;
      current = undefined;
      extras = [];
      await Promise.all(others.map((extra) => extra.cleanup()));
      await done?.cleanup();
    });

    it("location names where the data lives", () => {
      expect(handle.store.location).toEqual(expect.any(String));
      expect(handle.store.location.length).toBeGreaterThan(0);
    });

    it("close resolves, and resolves again when called twice", async () => {
      const store = handle.store;
      await store.close();
      await expect(store.close()).resolves.toBeUndefined();
    });

    profileCases(handle);
    subscriptionCases(handle);
    libraryCases(handle);
    readingListCases(handle);
    voteCases(handle);
    claimCases(handle);
    leaseCases(handle);
    takeOverCases(handle);
    historyCases(handle);
    failedSinceCases(handle);
    paperCases(handle);
    paperReadCases(handle);
    paperVersionCases(handle);
    jobCases(handle);
    countCases(handle);
    snapshotCases(handle);
    replaceAllCases(handle);
    ingestRunCases(handle);
    const durable = (): void => {
      durabilityCases(handle);
      replaceAllDurabilityCases(handle);
      paperVersionDurabilityCases(handle);
      libraryDurabilityCases(handle);
      readingListDurabilityCases(handle);
      voteDurabilityCases(handle);
      ingestRunDurabilityCases(handle);
    };
    if (options.durable) durable();
    else describe.skip("after close and reopen (not durable)", durable);
    const shared = (): void => {
      sharedCases(handle);
      sharedJobCases(handle);
      sharedPaperVersionCases(handle);
      sharedIngestRunCases(handle);
      sharedReadingListCases(handle);
      sharedVoteCases(handle);
    };
    if (options.shared) shared();
    else describe.skip("several instances on one storage (not shared)", shared);
    const failing = (): void => {
      libraryFailureCases(handle);
      readingListFailureCases(handle);
      voteFailureCases(handle);
      ingestRunFailureCases(handle);
    };
    if (options.failable) failing();
    else describe.skip("a write that fails (storage cannot fail)", failing);
  });
}
