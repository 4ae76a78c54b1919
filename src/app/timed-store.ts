import type { Store } from "../core/store/port.js";
import type { Telemetry } from "../core/telemetry.js";

/** A group of the store's records (`profiles`, `deliveries`…): an object whose methods are its calls. */
type RecordGroup = {
  [G in keyof Store]: Store[G] extends (...args: never[]) => unknown
    ? never
    : Store[G] extends object
      ? G
      : never;
}[keyof Store];

/**
 * The store's writes, by group: the calls that change what is stored (job locks are left out: a
 * hold is a lock, not data). Reads are not timed. Typed against the port, so that a renamed write
 * does not silently stop being timed.
 */
export const STORE_WRITES: { readonly [G in RecordGroup]?: ReadonlyArray<keyof Store[G] & string> } = {
  profiles: ["update"],
  subscriptions: ["put", "delete", "pause"],
  libraries: ["put", "delete"],
  readingLists: ["save", "unsave"],
  votes: ["cast"],
  deliveries: [
    "claim",
    "recordUnsent",
    "takeOver",
    "startSending",
    "markSent",
    "markFailed",
    "release",
    "prune",
  ],
  papers: ["put"],
  ingestRuns: ["record"],
};

/** Writes of the store itself, beside those of its groups. */
const TOP_LEVEL_WRITES: ReadonlySet<string> = new Set(["replaceAll"]);

/**
 * The same store, with the time of every write (see STORE_WRITES, and `replaceAll`) told to
 * `telemetry.storeWrite` as `group.method` (e.g. `profiles.update`), whether it succeeded or not.
 * Results and errors pass through unchanged. Everything else (reads, `location`, `close`, and any
 * group this file does not list) is the store's own.
 *
 * @example const store = timeStoreWrites(await openStore(config, { log }), telemetry);
 */
export function timeStoreWrites(
  store: Store,
  telemetry: Telemetry,
  clock: () => number = () => performance.now(),
): Store {
  const timed = <T>(method: string, call: () => Promise<T>): Promise<T> => {
    const started = clock();
    const told = () => telemetry.storeWrite(method, (clock() - started) / 1000);
    const result = call();
    result.then(told, told);
    return result;
  };
  const groups = new Map<PropertyKey, object>();
  for (const [group, writes = []] of Object.entries(STORE_WRITES)) {
    const records = store[group as RecordGroup] as object;
    groups.set(
      group,
      wrap(records, new Set<string>(writes), (method) => `${group}.${method}`, timed),
    );
  }
  const top = wrap(store, TOP_LEVEL_WRITES, (method) => method, timed) as Store;
  // A Proxy rather than a copy: the adapters' records are class instances with private fields, so
  // every call goes to the original object; groups added to the port later pass through.
  return new Proxy(top, {
    get: (target, property, receiver) => groups.get(property) ?? Reflect.get(target, property, receiver),
  });
}

type Timed = <T>(method: string, call: () => Promise<T>) => Promise<T>;

/** `target` with the methods named in `writes` timed and every other method bound to `target`. */
function wrap<T extends object>(
  target: T,
  writes: ReadonlySet<string>,
  name: (method: string) => string,
  timed: Timed,
): T {
  return new Proxy(target, {
    get: (original, property) => {
      const value: unknown = Reflect.get(original, property, original);
      if (typeof value !== "function") return value;
      const method = value as (...args: unknown[]) => unknown;
      if (typeof property !== "string" || !writes.has(property)) return method.bind(original);
      return (...args: unknown[]) =>
        timed(name(property), () => Promise.resolve(method.apply(original, args)));
    },
  });
}
