import pg from "pg";
import type { PoolClient, QueryResult } from "pg";
import { checkSchemaName } from "./db.js";
import type { Db, HeldLock } from "./db.js";
import { Inflight } from "./inflight.js";
import { holdOnOwnConnection } from "./pg-hold.js";
import { withoutPassword } from "./location.js";

export interface PgDbOptions {
  /** The schema every connection works in (its `search_path`); it must exist. Default: the server's. */
  schema?: string;
  /** Most connections open at once. Default 10. */
  max?: number;
}

/** How long to wait for a connection (a new one, or a free one from the pool) before failing. */
const connectTimeoutMs = 10_000;

/**
 * A Db over a node-postgres pool. The schema is set as a startup option of every connection
 * (`-c search_path=…`), so no connection ever runs a statement in another schema, and a schema
 * option that the server refuses fails the connection instead of writing elsewhere.
 */
export function pgDb(url: string, options: PgDbOptions = {}): Db {
  const location = withoutPassword(url);
  const connection: pg.ClientConfig = {
    connectionString: url,
    connectionTimeoutMillis: connectTimeoutMs,
    ...(options.schema === undefined ? {} : { options: searchPathOption(url, options.schema) }),
  };
  const pool = new pg.Pool({ ...connection, max: options.max ?? 10 });
  // An idle connection that the server closes (restart, timeout) emits "error" on the pool, which
  // would end the process if nobody listened. The pool drops that connection and opens a new one
  // for the next query, whose own failure reaches its caller.
  pool.on("error", () => {});
  const inflight = new Inflight(location);
  const holds = new Set<HeldLock>();
  return {
    location,
    query: (sql, params) => inflight.run(() => run(pool, sql, params)),
    transaction: (fn) => inflight.run(() => inTransaction(pool, location, fn)),
    tryHoldLock: (lockClass, key) =>
      inflight.run(async () => {
        const held = await holdOnOwnConnection(connection, lockClass, key);
        return held && tracked(holds, held);
      }),
    close: () =>
      inflight.close(async () => {
        await Promise.all([...holds].map((held) => held.release()));
        await pool.end();
      }),
  };
}

/** A held lock that stays in `holds` (for `close()` to release) until released or lost. */
function tracked(holds: Set<HeldLock>, held: HeldLock): HeldLock {
  holds.add(held);
  void held.lost.then(() => holds.delete(held));
  return {
    lost: held.lost,
    release: () => {
      holds.delete(held);
      return held.release();
    },
  };
}

/** The connection's `options`: those of the URL, if any, then the search path (pg lets the URL's win). */
function searchPathOption(url: string, schema: string): string {
  let fromUrl: string | null = null;
  try {
    fromUrl = new URL(url).searchParams.get("options");
  } catch {
    // Not a URL: no options in it.
  }
  const searchPath = `-c search_path=${checkSchemaName(schema)}`;
  return fromUrl ? `${fromUrl} ${searchPath}` : searchPath;
}

type Queryable = Pick<PoolClient, "query">;

/** Without params pg uses the simple protocol, which allows several statements: answer the last's rows. */
async function run<R>(on: Queryable, sql: string, params?: unknown[]): Promise<R[]> {
  const result = (await on.query(sql, params)) as QueryResult | QueryResult[];
  const last = Array.isArray(result) ? result.at(-1) : result;
  return (last?.rows ?? []) as R[];
}

async function inTransaction<T>(pool: pg.Pool, location: string, fn: (tx: Db) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  const tx: Db = {
    location,
    query: (sql, params) => run(client, sql, params),
    transaction: (inner) => inner(tx),
    tryHoldLock: () => Promise.reject(new Error("Hold locks on the Db, not in one of its transactions.")),
    close: () => Promise.reject(new Error("Close the Db, not one of its transactions.")),
  };
  try {
    await client.query("BEGIN");
    const result = await fn(tx);
    await client.query("COMMIT");
    client.release();
    return result;
  } catch (error) {
    await rollback(client);
    throw error;
  }
}

/** Rolls back and returns the connection to the pool, or discards it when it is broken. */
async function rollback(client: PoolClient): Promise<void> {
  try {
    await client.query("ROLLBACK");
    client.release();
  } catch (error) {
    client.release(error instanceof Error ? error : new Error(String(error)));
  }
}
