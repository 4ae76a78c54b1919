/**
 * Storing a change failed (disk full, read-only volume, database gone). Nothing of the change was
 * kept, in memory or in storage: the same command may simply be tried again.
 */
export class StoreWriteError extends Error {
  override readonly name = "StoreWriteError";

  constructor(
    /** The file or database that refused the write. */
    readonly location: string,
    options: ErrorOptions & { cause: unknown },
  ) {
    super(`Could not save to ${location}: ${describeCause(options.cause)}`, options);
  }
}

/** Another running paperboy holds the data folder; two writers would lose each other's changes. */
export class StoreLockedError extends Error {
  override readonly name = "StoreLockedError";

  constructor(
    readonly folder: string,
    readonly pid: number,
  ) {
    super(
      `${folder} is in use by another paperboy (process ${pid}). Run one paperboy per data folder: ` +
        `stop that one first, or use the running bot's chat. Reading commands (find, paper) work alongside it.`,
    );
  }
}

/** The store was opened read-only (e.g. `digest --dry-run` beside a running bot) and asked to write. */
export class StoreReadOnlyError extends Error {
  override readonly name = "StoreReadOnlyError";

  constructor(readonly location: string) {
    super(`${location} is open read-only here; this command cannot change it.`);
  }
}

/**
 * Stored data and its backup are both unreadable or of an unexpected shape. Nothing was
 * overwritten: the operator decides whether to restore a copy or to start empty.
 */
export class StorageCorruptError extends Error {
  override readonly name = "StorageCorruptError";

  constructor(
    readonly file: string,
    readonly backup: string | undefined,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** A stored document does not have the shape this version of paperboy reads. */
export class DocumentFormatError extends Error {
  override readonly name = "DocumentFormatError";

  constructor(
    message: string,
    /** Where the first problem is, e.g. `profiles["discord:user:1"].interests`. */
    readonly field: string,
  ) {
    super(message);
  }
}

/** Stored data was written by a newer paperboy than this one (a file format or a database schema). */
export class DocumentVersionError extends Error {
  override readonly name = "DocumentVersionError";
}

function describeCause(cause: unknown): string {
  if (cause instanceof Error) return (cause as NodeJS.ErrnoException).code ?? cause.message;
  return String(cause);
}
