import type { JobHold } from "../../core/store/port.js";

/**
 * The little the Postgres store needs of a database connection, so that one store runs on a real
 * server (node-postgres, `pg-db.ts`) and, in tests, on PGlite (`pglite-db.ts`).
 *
 * Rows come back as the driver parses them; the store's SQL only returns types both drivers parse
 * alike (text, integer, boolean, text[], jsonb): it casts counts to `int` and formats times as ISO
 * text itself (see `sql-time.ts`).
 */
export interface Db {
  /**
   * Runs one statement and resolves with its rows. Without `params`, `sql` may hold several
   * statements separated by semicolons (migrations); the rows are then those of the last one.
   */
  query<R>(sql: string, params?: unknown[]): Promise<R[]>;
  /**
   * Runs `fn` in one transaction on one connection: committed when `fn` resolves, rolled back when
   * it throws (and the error propagates). Inside `fn`, use `tx`, not this Db: this Db's other
   * connections (or, on PGlite, its only one) are not part of the transaction. `tx.transaction`
   * runs its function within the same transaction.
   */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  /**
   * Holds the advisory lock (`lockClass`, `key`) of this Db's schema for as long as this process
   * keeps it, unless someone else holds it: undefined then. On a server it is a session-level
   * lock on a connection of its own, whose loss (`lost`) drops the lock; on PGlite, one session in
   * one process, it is held within the process and never lost. `close()` releases what is held.
   */
  tryHoldLock(lockClass: number, key: string): Promise<HeldLock | undefined>;
  /** Waits for the queries and transactions under way, then releases the connections. Idempotent. */
  close(): Promise<void>;
  /** Where the data lives, for messages: the database URL without its password. */
  readonly location: string;
}

/** A lock `tryHoldLock` holds: what `JobLocks.tryHold` hands out. `release()` is idempotent. */
export type HeldLock = JobHold;

/** A lower-case SQL identifier, safe to put in SQL text and in connection options unquoted. */
export function checkSchemaName(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new Error(
      `Schema name ${JSON.stringify(schema)} is not supported: use lower-case letters, digits and _ (at most 63).`,
    );
  }
  return schema;
}
