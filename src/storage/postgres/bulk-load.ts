import type { Db } from "./db.js";

interface Rebuild {
  drop: string;
  create: string;
}

/**
 * Runs `load` (inserts into empty `tables`, in `tx`) with the tables' indexes and unique keys
 * dropped, then builds them again: building a btree from all its rows at once is several times
 * faster than growing it row by row (1.5 million sent papers: about 12 s instead of 50 on a busy
 * 2-core server). The definitions are read from the catalog, so an index a later migration adds
 * is rebuilt as it was defined. It is all one transaction: if `load` fails, or the rows break a
 * unique key when it is rebuilt, the rollback restores every index. Tables that `load` upserts
 * into (ON CONFLICT needs the index) must not be listed.
 */
export async function withoutIndexes<T>(
  tx: Db,
  tables: readonly string[],
  load: () => Promise<T>,
): Promise<T> {
  const rebuilds = await tx.query<Rebuild>(
    `SELECT format('ALTER TABLE %s DROP CONSTRAINT %I', conrelid::regclass, conname) AS drop,
       format('ALTER TABLE %s ADD CONSTRAINT %I %s', conrelid::regclass, conname, pg_get_constraintdef(oid)) AS create
     FROM pg_constraint WHERE conrelid = ANY ($1::regclass[]) AND contype IN ('p', 'u')
     UNION ALL
     SELECT format('DROP INDEX %s', indexrelid::regclass), pg_get_indexdef(indexrelid)
     FROM pg_index
     WHERE indrelid = ANY ($1::regclass[])
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = pg_index.indexrelid)`,
    [[...tables]],
  );
  for (const rebuild of rebuilds) await tx.query(rebuild.drop);
  const result = await load();
  for (const rebuild of rebuilds) await tx.query(rebuild.create);
  return result;
}
