import { randomBytes } from "node:crypto";
import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import type { Db } from "../../src/storage/postgres/db.js";
import { withoutPassword } from "../../src/storage/postgres/location.js";
import { pgDb } from "../../src/storage/postgres/pg-db.js";
import { pgliteDb } from "../../src/storage/postgres/pglite-db.js";

export interface TestDb {
  /** A Db in a fresh, empty schema of its own. */
  db: Db;
  /** Another Db on the same schema: a second instance, or the same storage after `db` was closed. */
  open(): Db;
  /** Closes every Db of this schema (those already closed too) and drops the schema. */
  drop(): Promise<void>;
  /** "server": TEST_DATABASE_URL, a real PostgreSQL. "pglite": an in-process PGlite. */
  kind: "server" | "pglite";
}

/**
 * A fresh schema for one test. With TEST_DATABASE_URL, on that server (a server that cannot be
 * reached fails the test: it was asked for); without it, on a PGlite shared by the test file.
 */
export async function makeTestDb(): Promise<TestDb> {
  const url = process.env.TEST_DATABASE_URL;
  return url ? serverTestDb(url) : pgliteTestDb();
}

function freshSchemaName(): string {
  return `paperboy_test_${randomBytes(6).toString("hex")}`;
}

async function serverTestDb(url: string): Promise<TestDb> {
  const schema = freshSchemaName();
  await adminQuery(url, `CREATE SCHEMA ${schema}`);
  const opened: Db[] = [];
  const open = (): Db => {
    const db = pgDb(url, { schema, max: 4 });
    opened.push(db);
    return db;
  };
  return {
    db: open(),
    open,
    kind: "server",
    drop: async () => {
      await Promise.all(opened.map((db) => db.close()));
      await adminQuery(url, `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    },
  };
}

/** One statement on a connection of its own; a server that cannot be reached is an error naming it. */
async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => {});
    throw new Error(
      `TEST_DATABASE_URL is set, but the database ${withoutPassword(url)} cannot be reached ` +
        `(${describe(error)}). Start it, or unset TEST_DATABASE_URL to test on PGlite.`,
      { cause: error },
    );
  }
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function describe(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describe(error.errors[0]);
  if (!(error instanceof Error)) return String(error);
  return error.message || (error as NodeJS.ErrnoException).code || error.name;
}

/** PGlite takes seconds to start: one per test file (module state is per file in vitest), made on first use. */
let sharedPglite: Promise<PGlite> | undefined;

async function pgliteTestDb(): Promise<TestDb> {
  sharedPglite ??= import("@electric-sql/pglite").then(({ PGlite }) => PGlite.create());
  const pglite = await sharedPglite;
  const schema = freshSchemaName();
  await pglite.exec(`CREATE SCHEMA ${schema}`);
  const opened: Db[] = [];
  const open = (): Db => {
    const db = pgliteDb(pglite, { schema });
    opened.push(db);
    return db;
  };
  return {
    db: open(),
    open,
    kind: "pglite",
    drop: async () => {
      await Promise.all(opened.map((db) => db.close()));
      await pglite.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    },
  };
}
