import type { Store } from "../../core/store/port.js";
import { deliveryLog } from "./delivery-log.js";
import { processJobLocks } from "./job-locks.js";
import { copyJson } from "./json-copy.js";
import { libraryRecords } from "./library-records.js";
import { paperRecords } from "./paper-records.js";
import type { Persistence } from "./persistence.js";
import { profileRecords } from "./profile-records.js";
import type { RecordData } from "./record-data.js";
import { withPapers } from "./record-data.js";
import { ALL_LANES, RecordEngine } from "./record-engine.js";
import { countsOf, snapshotOf, stageReplacement, userRecordData } from "./snapshot.js";
import { subscriptionRecords } from "./subscription-records.js";

/** A Store over records held in memory and kept by `persistence`: the one engine of both stores. */
export function createRecordStore(
  data: RecordData,
  persistence: Persistence,
  options: { readOnly?: boolean } = {},
): Store {
  const engine = new RecordEngine(data, persistence, options);
  return {
    location: engine.location,
    profiles: profileRecords(engine),
    subscriptions: subscriptionRecords(engine),
    libraries: libraryRecords(engine),
    deliveries: deliveryLog(engine),
    papers: paperRecords(engine),
    jobs: processJobLocks({ location: engine.location, readOnly: options.readOnly ?? false }),
    counts: () => engine.read(countsOf),
    snapshot: () => engine.read(snapshotOf),
    replaceAll: (snapshot) =>
      engine.write(ALL_LANES, (tx) => {
        stageReplacement(tx, userRecordData(snapshot));
        // Stamped after every stamp so far, so changedSince(an older version) answers them all.
        const empty = { list: [], positions: new Map(), stamps: [], version: tx.currentPapers.version };
        tx.papers = withPapers(empty, snapshot.papers.map(copyJson));
      }),
    close: () => engine.close(),
  };
}
