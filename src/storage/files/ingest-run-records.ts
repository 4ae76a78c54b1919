import type { Logger } from "../../core/log.js";
import type { IngestRun } from "../../core/records.js";
import { StorageCorruptError, StoreReadOnlyError, StoreWriteError } from "../../core/store/errors.js";
import type { IngestRunRecords } from "../../core/store/port.js";
import type { FileIo } from "./file-io.js";
import { JsonFileStore } from "./json-file-store.js";

/** The ingest runs of a store, and how to release where they are kept. */
export interface IngestRunLog extends IngestRunRecords {
  /** Waits for the runs being written; later calls reject. */
  close(): Promise<void>;
}

/** `state/ingest-runs.json`: the latest run of each source, by source name. */
export interface IngestRunDocument {
  runs: IngestRun[];
}

interface IngestRunLogOptions {
  location: string;
  readOnly?: boolean;
  /** The runs stored so far. */
  initial?: readonly IngestRun[];
  /** Makes the document durable; resolves once it is. Absent: kept in memory only. */
  save?: (doc: IngestRunDocument) => Promise<void>;
  close?: () => Promise<void>;
}

/**
 * The latest run per source, held in memory and saved whole (a few hundred bytes) on each record.
 * Records are saved one after the other, each from the runs the one before left, so two sources
 * recorded at once both remain; memory changes only once the save has resolved.
 */
export function ingestRunLog(options: IngestRunLogOptions): IngestRunLog {
  let runs = new Map((options.initial ?? []).map((run) => [run.source, { ...run }]));
  let tail: Promise<unknown> = Promise.resolve();
  let closed = false;
  const record = async (run: IngestRun): Promise<void> => {
    const next = new Map(runs).set(run.source, copyRun(run));
    await options.save?.({ runs: sorted(next) });
    runs = next;
  };
  const closedError = () => new Error(`The store at ${options.location} is closed.`);
  return {
    record(run) {
      if (closed) return Promise.reject(closedError());
      if (options.readOnly) return Promise.reject(new StoreReadOnlyError(options.location));
      const done = tail.then(() => record(run));
      tail = done.catch(() => undefined);
      return done;
    },
    latest: () => (closed ? Promise.reject(closedError()) : Promise.resolve(sorted(runs))),
    async close() {
      closed = true;
      await tail;
      await options.close?.();
    },
  };
}

/**
 * Opens the ingest runs kept in `file` (through lowdb, fsynced, with a `.bak` copy). They are
 * operational: a file that cannot be read (and its backup neither) is reported and set aside by
 * the next record rather than keep paperboy from starting, and runs of the wrong shape are dropped.
 */
export async function openIngestRunFile(
  file: string,
  options: { log: Logger; readOnly: boolean; io: FileIo },
): Promise<IngestRunLog> {
  const { log, readOnly, io } = options;
  const document = new JsonFileStore<IngestRunDocument>(file, log, { readOnly, io });
  let initial: IngestRun[] = [];
  try {
    initial = runsIn(await document.read());
  } catch (error) {
    if (!(error instanceof StorageCorruptError)) throw error;
    log.warn(
      { file, err: error },
      `${file}: the last ingest runs are lost; the next ingestion records new ones.`,
    );
  }
  return ingestRunLog({
    location: document.location,
    readOnly,
    initial,
    save: async (doc) => {
      try {
        await document.write(doc);
      } catch (error) {
        throw new StoreWriteError(document.location, { cause: error });
      }
    },
    close: () => document.close(),
  });
}

function runsIn(doc: IngestRunDocument | undefined): IngestRun[] {
  const runs: unknown = doc?.runs;
  return Array.isArray(runs) ? runs.filter(isIngestRun).map(copyRun) : [];
}

function isIngestRun(value: unknown): value is IngestRun {
  if (typeof value !== "object" || value === null) return false;
  const run = value as Record<string, unknown>;
  return (
    typeof run.source === "string" &&
    typeof run.at === "string" &&
    Number.isInteger(run.added) &&
    Number.isInteger(run.merged) &&
    (run.error === undefined || typeof run.error === "string")
  );
}

/** The run's own fields only: a caller's object is never kept, nor anything extra it carries. */
function copyRun(run: IngestRun): IngestRun {
  const copy: IngestRun = { source: run.source, at: run.at, added: run.added, merged: run.merged };
  if (run.error !== undefined) copy.error = run.error;
  return copy;
}

function sorted(runs: ReadonlyMap<string, IngestRun>): IngestRun[] {
  return [...runs.values()]
    .sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0))
    .map(copyRun);
}
