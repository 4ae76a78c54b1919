import { DocumentVersionError } from "../../core/store/errors.js";
import { lockClass } from "./advisory-locks.js";
import type { Db } from "./db.js";
import { migrations as known } from "./migrations/index.js";
import type { Migration } from "./migrations/index.js";

/** The bookkeeping table: created here, the one table not created by a numbered migration. */
const bookkeeping = `
CREATE TABLE IF NOT EXISTS schema_migrations (
  version integer PRIMARY KEY,
  name text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;

/**
 * Brings the schema up to date: applies, in one transaction, the migrations not yet applied, and
 * resolves with their versions. The transaction first takes an advisory lock for the schema, so
 * instances starting together migrate once: the others wait, then find nothing left to do.
 * Rejects with DocumentVersionError, changing nothing, when the database has a migration this
 * paperboy does not know (a newer one set it up).
 */
export async function migrate(db: Db, migrations: readonly Migration[] = known): Promise<number[]> {
  return db.transaction(async (tx) => {
    const [where] = await tx.query<{ schema: string | null }>("SELECT current_schema() AS schema");
    if (!where?.schema) {
      throw new Error(`${db.location}: no schema to migrate (the schema in search_path does not exist).`);
    }
    await tx.query("SELECT pg_advisory_xact_lock($1, hashtext($2))", [lockClass.migrations, where.schema]);
    await tx.query(bookkeeping);
    const applied = await tx.query<{ version: number; name: string }>(
      "SELECT version, name FROM schema_migrations ORDER BY version",
    );
    refuseUnknown(db.location, applied, migrations);
    const done = new Set(applied.map((row) => row.version));
    const pending = [...migrations].sort((a, b) => a.version - b.version).filter((m) => !done.has(m.version));
    for (const migration of pending) {
      await tx.query(migration.sql);
      await migration.backfill?.(tx);
      await tx.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [
        migration.version,
        migration.name,
      ]);
    }
    return pending.map((migration) => migration.version);
  });
}

function refuseUnknown(
  location: string,
  applied: readonly { version: number; name: string }[],
  migrations: readonly Migration[],
): void {
  const versions = new Set(migrations.map((migration) => migration.version));
  const unknown = applied.filter((row) => !versions.has(row.version));
  if (unknown.length === 0) return;
  const list = unknown.map((row) => `${row.version} (${row.name})`).join(", ");
  throw new DocumentVersionError(
    `The database ${location} has schema migration ${list}, which this paperboy does not know: ` +
      `a newer paperboy set it up. Run that version (or a newer one) instead.`,
  );
}
