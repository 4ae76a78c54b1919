/**
 * Both a data file and its last-good backup are unreadable. Nothing was overwritten: the operator
 * decides whether to restore a copy or to start empty.
 */
export class StorageCorruptError extends Error {
  override readonly name = "StorageCorruptError";

  constructor(
    readonly file: string,
    readonly backup: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** A second store was opened on a file this process already has open; its writes would be lost. */
export class StorageInUseError extends Error {
  override readonly name = "StorageInUseError";

  constructor(readonly file: string) {
    super(
      `${file} is already open in this process. Open one store per file and share it ` +
        `(two writers on one file lose each other's writes).`,
    );
  }
}
