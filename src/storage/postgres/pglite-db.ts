import type { PGlite, Transaction } from "@electric-sql/pglite";
import { checkSchemaName } from "./db.js";
import type { Db, HeldLock } from "./db.js";
import { Inflight } from "./inflight.js";

export interface PgliteDbOptions {
  /** The schema this Db works in; it must exist. Several Dbs may share one PGlite in different schemas. */
  schema?: string;
}

/**
 * A Db over PGlite, for tests (PGlite is a devDependency: this module only imports its types).
 *
 * PGlite is one session: it runs one query or transaction at a time (its own mutex), so
 * transactions are serialised and a query waits for the transaction under way. Because Dbs on the
 * same PGlite share that session, a Db with a schema runs every query in a transaction that sets
 * the search path first (`SET LOCAL`, undone at commit), so it never reads another Db's schema.
 *
 * `close()` ends this Db's use of the PGlite but does not close the PGlite: whoever created it
 * closes it (it may serve other schemas).
 */
export function pgliteDb(db: PGlite, options: PgliteDbOptions = {}): Db {
  const schema = options.schema === undefined ? undefined : checkSchemaName(options.schema);
  const location = `pglite:${db.dataDir ?? "memory://"}${schema === undefined ? "" : `#${schema}`}`;
  const setPath = schema === undefined ? undefined : `SET LOCAL search_path TO ${schema}`;
  const inflight = new Inflight(location);

  const transaction = <T>(fn: (tx: Db) => Promise<T>): Promise<T> =>
    db.transaction(async (raw) => {
      if (setPath) await raw.exec(setPath);
      return fn(transactionDb(raw, location));
    });

  const holds = new ProcessHolds(db, schema ?? "");

  return {
    location,
    query: (sql, params) =>
      inflight.run(() => (setPath ? transaction((tx) => tx.query(sql, params)) : run(db, sql, params))),
    transaction: (fn) => inflight.run(() => transaction(fn)),
    tryHoldLock: (lockClass, key) => inflight.run(async () => holds.tryHold(lockClass, key)),
    close: () => inflight.close(async () => holds.releaseAll()),
  };
}

/** The locks held on each PGlite, by any of its Dbs: "schema/class/key" → the hold's token. */
const heldOn = new WeakMap<PGlite, Map<string, symbol>>();

/**
 * Advisory locks as PGlite can hold them. Its one session would hold a session-level advisory
 * lock any number of times (they are re-entrant), so the Dbs sharing a PGlite hold locks within
 * the process instead: a lock held by one of them is refused to every other, and to itself again,
 * until released. Nothing can break a connection in-process, so `lost` never settles.
 */
class ProcessHolds {
  readonly #held: Map<string, symbol>;
  readonly #mine = new Map<symbol, string>();

  constructor(
    db: PGlite,
    private readonly schema: string,
  ) {
    let held = heldOn.get(db);
    if (!held) heldOn.set(db, (held = new Map()));
    this.#held = held;
  }

  tryHold(lockClass: number, key: string): HeldLock | undefined {
    const name = `${this.schema}/${lockClass}/${key}`;
    if (this.#held.has(name)) return undefined;
    // A token per hold: releasing a hold twice must not free a later hold of the same lock.
    const token = Symbol(name);
    this.#held.set(name, token);
    this.#mine.set(token, name);
    return { lost: new Promise<void>(() => {}), release: async () => this.#release(token) };
  }

  releaseAll(): void {
    for (const token of [...this.#mine.keys()]) this.#release(token);
  }

  #release(token: symbol): void {
    const name = this.#mine.get(token);
    if (name === undefined) return;
    this.#mine.delete(token);
    if (this.#held.get(name) === token) this.#held.delete(name);
  }
}

function transactionDb(raw: Transaction, location: string): Db {
  const tx: Db = {
    location,
    query: (sql, params) => run(raw, sql, params),
    transaction: (inner) => inner(tx),
    tryHoldLock: () => Promise.reject(new Error("Hold locks on the Db, not in one of its transactions.")),
    close: () => Promise.reject(new Error("Close the Db, not one of its transactions.")),
  };
  return tx;
}

type Session = Pick<Transaction, "query" | "exec">;

/** PGlite's `query` takes one statement; `exec` (no params) several, as pg's simple protocol does. */
async function run<R>(on: Session, sql: string, params?: unknown[]): Promise<R[]> {
  if (params === undefined || params.length === 0) {
    const results = await on.exec(sql);
    return (results.at(-1)?.rows ?? []) as R[];
  }
  const result = await on.query<R>(sql, params);
  return result.rows;
}
