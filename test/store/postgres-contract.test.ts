import { silentLogger } from "../../src/core/log.js";
import type { Store } from "../../src/core/store/port.js";
import { openPostgresStore } from "../../src/storage/postgres/open-postgres-store.js";
import { makeTestDb } from "../helpers/postgres.js";
import { describeStoreContract } from "./contract/describe-store-contract.js";
import { writeFailures } from "./failing-db.js";

// On PGlite by default; set TEST_DATABASE_URL to run the same cases on a real PostgreSQL server.
describeStoreContract(
  "postgres",
  async () => {
    const testDb = await makeTestDb();
    // The case's own stores (first and reopened) can be made to fail; another instance's cannot.
    const failures = writeFailures();
    const another = (): Promise<Store> => openPostgresStore(testDb.open(), { log: silentLogger });
    let store = await openPostgresStore(failures.wrap(testDb.db), { log: silentLogger });
    return {
      store,
      async reopen() {
        await store.close();
        store = await openPostgresStore(failures.wrap(testDb.open()), { log: silentLogger });
        return store;
      },
      another,
      failNextWrite: failures.failNextWrite,
      // drop() closes every Db of the schema (so every store opened here) before dropping it.
      cleanup: () => testDb.drop(),
    };
  },
  { durable: true, shared: true, failable: true },
);
