import type { Db } from "../../src/storage/postgres/db.js";

/** Statements that change rows: what a failing write refuses. */
const WRITE = /^\s*(INSERT|UPDATE|DELETE|TRUNCATE)\b/i;

/**
 * Wraps the Dbs a test opens so that their next statement changing rows fails, as a lost
 * connection would, before it reaches the database: its transaction is then rolled back. Shared by
 * every Db it wraps, so a store reopened on another Db fails the same way.
 */
export function writeFailures(): { wrap(db: Db): Db; failNextWrite(): void } {
  let armed = false;
  const query = (db: Db): Db["query"] =>
    function query<R>(sql: string, params?: unknown[]): Promise<R[]> {
      if (armed && WRITE.test(sql)) {
        armed = false;
        return Promise.reject(new Error("Connection terminated unexpectedly"));
      }
      return db.query<R>(sql, params);
    };
  const wrap = (db: Db): Db => ({
    query: query(db),
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
    tryHoldLock: (lockClass, key) => db.tryHoldLock(lockClass, key),
    close: () => db.close(),
    get location() {
      return db.location;
    },
  });
  return { wrap, failNextWrite: () => void (armed = true) };
}
