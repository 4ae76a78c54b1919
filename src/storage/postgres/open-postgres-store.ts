import type { Logger } from "../../core/log.js";
import { DocumentVersionError } from "../../core/store/errors.js";
import type { Store } from "../../core/store/port.js";
import { Lane } from "./call-groups.js";
import type { Db } from "./db.js";
import { deliveryLog } from "./deliveries/index.js";
import { ingestRunRecords } from "./ingest-runs.js";
import { jobLocks } from "./jobs.js";
import { libraryRecords } from "./libraries.js";
import { migrate } from "./migrate.js";
import { paperRecords } from "./papers.js";
import { profileRecords } from "./profiles.js";
import { readingLists } from "./reading-lists.js";
import { replaceAll } from "./replace-all.js";
import { counts, snapshot } from "./snapshot.js";
import { subscriptionRecords } from "./subscriptions.js";
import { voteRecords } from "./votes.js";

/**
 * The Store on a Postgres database (or PGlite, in tests). Brings the schema up to date first; the
 * store then owns `db`, and `close()` closes it. If opening fails, `db` stays the caller's to close.
 *
 * Rejects with DocumentVersionError when a newer paperboy set the database up, and with an Error
 * naming the database (without its password) when it cannot be reached or migrated.
 */
export async function openPostgresStore(db: Db, options: { log: Logger }): Promise<Store> {
  let applied: number[];
  try {
    applied = await migrate(db);
  } catch (error) {
    if (error instanceof DocumentVersionError) throw error;
    throw new Error(`Could not open the database ${db.location}: ${describe(error)}`, { cause: error });
  }
  if (applied.length > 0) options.log.info({ location: db.location, applied }, "database schema migrated");
  const grouped = new Lane();
  return {
    location: db.location,
    profiles: profileRecords(db),
    subscriptions: subscriptionRecords(db),
    libraries: libraryRecords(db),
    readingLists: readingLists(db),
    votes: voteRecords(db),
    deliveries: deliveryLog(db, grouped),
    papers: paperRecords(db),
    jobs: jobLocks(db),
    ingestRuns: ingestRunRecords(db),
    counts: () => counts(db),
    snapshot: () => snapshot(db),
    replaceAll: (records) => replaceAll(db, records),
    close: async () => {
      // Calls waiting to be grouped are pending writes too: written before the connections close.
      await grouped.idle();
      await db.close();
    },
  };
}

/** pg's connection errors (ECONNREFUSED, …) carry a code and sometimes an empty message. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as NodeJS.ErrnoException).code;
  if (error instanceof AggregateError && error.errors.length > 0) return describe(error.errors[0]);
  return error.message || code || error.name;
}
