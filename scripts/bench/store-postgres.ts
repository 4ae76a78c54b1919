import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { silentLogger } from "../../src/core/log.js";
import type { Store } from "../../src/core/store/port.js";
import { openPostgresStore } from "../../src/storage/postgres/open-postgres-store.js";
import { pgDb } from "../../src/storage/postgres/pg-db.js";
import type { ChangeFigures } from "./store-changes.js";
import { timeProfileChanges } from "./store-changes.js";
import { syntheticSnapshot } from "./store-data.js";

/**
 * Runs `fn` with a fresh, empty schema of its own on the server at `url`, and drops the schema
 * (CASCADE) afterwards, whatever happens.
 */
export async function withBenchSchema<T>(url: string, fn: (schema: string) => Promise<T>): Promise<T> {
  const schema = `paperboy_bench_${randomBytes(6).toString("hex")}`;
  await adminQuery(url, `CREATE SCHEMA ${schema}`);
  try {
    return await fn(schema);
  } finally {
    await adminQuery(url, `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  }
}

/** A Postgres store in `schema`: one instance of paperboy, with a pool of its own. */
export function openBenchStore(url: string, schema: string): Promise<Store> {
  return openPostgresStore(pgDb(url, { schema }), { log: silentLogger });
}

export interface PostgresFigures extends ChangeFigures {
  /** The time `replaceAll` took to load every user (not part of the changes' figures). */
  seedMs: number;
}

/** `users` users loaded through one `replaceAll` into `schema`, then `changes` profile changes timed. */
export async function benchPostgresStore(
  url: string,
  schema: string,
  opts: { users: number; changes: number },
): Promise<PostgresFigures> {
  const store = await openBenchStore(url, schema);
  try {
    const seeding = performance.now();
    await store.replaceAll(syntheticSnapshot(opts.users, { history: false }));
    const seedMs = performance.now() - seeding;
    return { ...(await timeProfileChanges(store, opts)), seedMs };
  } finally {
    await store.close();
  }
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
