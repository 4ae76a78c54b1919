import type { Library } from "../../core/records.js";
import type { LibraryRecords } from "../../core/store/port.js";
import type { TargetKey } from "../../core/target.js";
import { copyJson } from "./json-copy.js";
import type { RecordEngine } from "./record-engine.js";
import { formatFieldPath, libraryProblem } from "./shard-format.js";

/**
 * Libraries in their own lane and shards: an import waits for no 👍 and rewrites one library shard,
 * and a 👍 never waits for (nor rewrites) a library, which can be a megabyte of abstracts.
 */
export function libraryRecords(engine: RecordEngine): LibraryRecords {
  return {
    get: (key) => engine.read((data) => copyJson(data.libraries.get(key))),

    put: (key, library) =>
      engine.write("libraries", (tx) => {
        const stored: Library = copyJson(library);
        // Checked here: a library of the wrong shape in a shard file would stop the store opening.
        const problem = libraryProblem(stored);
        if (problem) throw new TypeError(`libraries.put: ${key} has a bad ${formatFieldPath(problem)}.`);
        tx.libraries.set(key, stored);
      }),

    delete: (key) =>
      engine.write("libraries", (tx) => {
        if (!tx.libraries.get(key)) return false;
        tx.libraries.set(key, undefined);
        return true;
      }),

    sizes: (keys) =>
      engine.read((data) => {
        const sizes = new Map<TargetKey, number>();
        for (const key of keys) {
          const library = data.libraries.get(key);
          if (library) sizes.set(key, library.papers.length);
        }
        return sizes;
      }),
  };
}
