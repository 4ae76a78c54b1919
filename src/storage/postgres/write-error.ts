import { StoreWriteError } from "../../core/store/errors.js";

/**
 * Runs a write; any failure of the database or the driver becomes StoreWriteError naming the
 * database (with the driver's error as cause). Postgres rolled the transaction back, so nothing
 * of the write was kept.
 */
export async function writing<T>(location: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (cause) {
    if (cause instanceof PassThrough) throw cause.error;
    throw new StoreWriteError(location, { cause });
  }
}

/** An error of the caller's own code (e.g. `change()` in profiles.update), to reach it unchanged. */
export class PassThrough {
  constructor(readonly error: unknown) {}
}
