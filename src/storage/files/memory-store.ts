import type { Store } from "../../core/store/port.js";
import { memoryPersistence } from "./persistence.js";
import { emptyRecordData } from "./record-data.js";
import { createRecordStore } from "./record-store.js";

/**
 * An empty Store that keeps its records in memory only: the file store's engine without files.
 * For unit tests and dry runs; it behaves like the file store in every other respect.
 */
export function openMemoryStore(): Store {
  return createRecordStore(emptyRecordData(), memoryPersistence());
}
