import { randomBytes } from "node:crypto";
import pg from "pg";

/** A real PostgreSQL server (CI sets it); the multi-process Postgres tests are skipped without one. */
export const serverUrl = process.env.TEST_DATABASE_URL;

export interface TestDatabase {
  /** DATABASE_URL for paperboy: a database of its own on the test server. */
  url: string;
  /** Drops it, closing whatever connections are left (a killed process's, say). */
  drop(): Promise<void>;
}

/**
 * A fresh, empty database `paperboy_mp_<random>` on the server of `TEST_DATABASE_URL`, so each
 * test's processes start from nothing, exactly as an operator's first deployment would.
 */
export async function createDatabase(server: string): Promise<TestDatabase> {
  const name = `paperboy_mp_${randomBytes(6).toString("hex")}`;
  await admin(server, `CREATE DATABASE ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  let dropped: Promise<void> | undefined;
  return {
    url: url.toString(),
    drop: () => (dropped ??= admin(server, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
  };
}

async function admin(server: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: server, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
