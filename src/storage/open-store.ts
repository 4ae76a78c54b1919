import type { Config } from "../config.js";
import type { Logger } from "../core/log.js";
import type { Store } from "../core/store/port.js";
import { openFileStore } from "./files/open-file-store.js";
import { openPostgresStore } from "./postgres/open-postgres-store.js";
import { pgDb } from "./postgres/pg-db.js";

export interface OpenStoreOptions {
  log: Logger;
  /**
   * Only read (a dry run): the data folder's lock is not taken, so it opens beside a running bot,
   * and any write is refused. Postgres needs no such care: every instance may write.
   */
  readOnly?: boolean;
}

/**
 * The store named by the configuration: Postgres when DATABASE_URL is set (any number of
 * instances may share it), otherwise the files in DATA_DIR (one process at a time).
 */
export async function openStore(
  config: Pick<Config, "dataDir" | "databaseUrl">,
  options: OpenStoreOptions,
): Promise<Store> {
  if (config.databaseUrl === undefined) return openFileStore(config.dataDir, options);
  const db = pgDb(config.databaseUrl);
  try {
    return await openPostgresStore(db, { log: options.log });
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
}
