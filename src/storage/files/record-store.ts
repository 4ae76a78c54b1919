import type { Store } from "../../core/store/port.js";
import { deliveryLog } from "./delivery-log.js";
import { processJobLocks } from "./job-locks.js";
import type { IngestRunLog } from "./ingest-run-records.js";
import { ingestRunLog } from "./ingest-run-records.js";
import { copyJson } from "./json-copy.js";
import { libraryRecords } from "./library-records.js";
import { paperRecords } from "./paper-records.js";
import type { Persistence } from "./persistence.js";
import { profileRecords } from "./profile-records.js";
import { readingListRecords } from "./reading-list-records.js";
import type { RecordData } from "./record-data.js";
import { withPapers } from "./record-data.js";
import { ALL_LANES, RecordEngine } from "./record-engine.js";
import { countsOf, snapshotOf, stageReplacement, userRecordData } from "./snapshot.js";
import { subscriptionRecords } from "./subscription-records.js";
import { voteRecords } from "./vote-records.js";

/**
 * A Store over records held in memory and kept by `persistence`: the one engine of both stores.
 * Ingest runs are kept apart from it, by `ingestRuns` (in memory when absent).
 */
export function createRecordStore(
  data: RecordData,
  persistence: Persistence,
  options: { readOnly?: boolean; ingestRuns?: IngestRunLog } = {},
): Store {
  const engine = new RecordEngine(data, persistence, options);
  const ingestRuns =
    options.ingestRuns ?? ingestRunLog({ location: engine.location, readOnly: options.readOnly ?? false });
  return {
    location: engine.location,
    profiles: profileRecords(engine),
    subscriptions: subscriptionRecords(engine),
    libraries: libraryRecords(engine),
    readingLists: readingListRecords(engine),
    votes: voteRecords(engine),
    deliveries: deliveryLog(engine),
    papers: paperRecords(engine),
    jobs: processJobLocks({ location: engine.location, readOnly: options.readOnly ?? false }),
    ingestRuns: { record: (run) => ingestRuns.record(run), latest: () => ingestRuns.latest() },
    counts: () => engine.read(countsOf),
    snapshot: () => engine.read(snapshotOf),
    replaceAll: (snapshot) =>
      engine.write(ALL_LANES, (tx) => {
        stageReplacement(tx, userRecordData(snapshot));
        // Stamped after every stamp so far, so changedSince(an older version) answers them all.
        const empty = { list: [], positions: new Map(), stamps: [], version: tx.currentPapers.version };
        tx.papers = withPapers(empty, snapshot.papers.map(copyJson));
      }),
    close: async () => {
      // The runs' file first: the engine's close releases the data folder's lock.
      try {
        await ingestRuns.close();
      } finally {
        await engine.close();
      }
    },
  };
}
