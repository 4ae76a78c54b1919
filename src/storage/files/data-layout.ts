import path from "node:path";
import type { ShardKind } from "./record-data.js";
import { shardName } from "./shard-hash.js";

/**
 * Where everything lives in DATA_DIR:
 *
 *     paperboy.lock                  who writes the folder: {pid, host, startedAt}
 *     corpus.json, corpus.json.bak   the papers, one document
 *     state/format.json              {"version": 2}
 *     state/profiles/NN.json         { [key]: Profile }                  NN = 00..63
 *     state/subscriptions/NN.json    { [key]: Subscription }             NN = 00..63
 *     state/deliveries/NNN.json      { [key]: TargetLog }                NNN = 000..511
 *                                    TargetLog = { log: Delivery without key, oldest first,
 *                                                  sent: { ids: paper ids, oldest first,
 *                                                          publishedAt: their dates (or null) } }
 *     state/libraries/NN.json        { [key]: Library }                  NN = 00..63
 *                                    (absent in folders of versions before libraries: none)
 *     state/reading-lists/NN.json    { [key]: SavedPaper[] }             NN = 00..63
 *                                    newest first (of one instant, the last saved first)
 *     state/votes/NN.json            { [key]: CastVote[] }               NN = 00..63
 *                                    by paper id, then member; one per (paper, member)
 *                                    (both absent in folders of versions before them: none)
 *     state/ingest-runs.json (.bak)  { runs: IngestRun[] }: each source's latest ingestion, for
 *                                    /status (absent until the first ingestion records one)
 *     state.json                     the whole-document state of earlier versions, imported once
 *                                    and renamed state.json.imported
 *
 * A target's records of each kind are in the shard file shardOf(key, kind) names (see
 * shard-hash.ts for the counts and the hash); a shard with no records may have no file.
 */
export interface DataLayout {
  readonly folder: string;
  readonly corpus: string;
  readonly stateFolder: string;
  readonly format: string;
  readonly legacyState: string;
  readonly ingestRuns: string;
  kindFolder(kind: ShardKind): string;
  shardFile(kind: ShardKind, shard: number): string;
}

export function dataLayout(folder: string): DataLayout {
  const stateFolder = path.join(folder, "state");
  const kindFolder = (kind: ShardKind): string => path.join(stateFolder, kind);
  return {
    folder,
    corpus: path.join(folder, "corpus.json"),
    stateFolder,
    format: path.join(stateFolder, "format.json"),
    legacyState: path.join(folder, "state.json"),
    ingestRuns: path.join(stateFolder, "ingest-runs.json"),
    kindFolder,
    shardFile: (kind, shard) => path.join(kindFolder(kind), `${shardName(kind, shard)}.json`),
  };
}
