/**
 * Runs a synchronous `mutate` on `root` in place and undoes every change it made if it throws.
 *
 * Cloning a state of 10,000 users for each small update would cost far more than the update, so
 * `mutate` works on proxies that write through to the real objects and journal each old value;
 * on a throw the journal is replayed backwards. The proxies are revoked afterwards, so one kept by
 * mistake fails loudly instead of changing the state behind the store's back; objects stored into
 * the state, and the returned value, are unwrapped to the real objects first.
 *
 * Works on plain JSON-like data (objects and arrays), which is all the stored state holds.
 */
export function mutateWithRollback<T extends object, R>(root: T, mutate: (draft: T) => R): R {
  const journal: Array<() => void> = [];
  const session = new DraftSession(journal);
  try {
    const result = mutate(session.draftOf(root));
    if (isThenable(result)) {
      result.then(undefined, () => undefined); // its rejection is reported through the TypeError below
      throw new TypeError("State updates must be synchronous functions; do async work before update().");
    }
    return session.unwrap(result);
  } catch (error) {
    for (const undo of journal.reverse()) undo();
    throw error;
  } finally {
    session.revokeAll();
  }
}

class DraftSession {
  readonly #drafts = new WeakMap<object, object>();
  readonly #targets = new WeakMap<object, object>();
  readonly #revokers: Array<() => void> = [];
  readonly #journal: Array<() => void>;

  constructor(journal: Array<() => void>) {
    this.#journal = journal;
  }

  draftOf<O extends object>(target: O): O {
    const existing = this.#drafts.get(target);
    if (existing) return existing as O;
    const { proxy, revoke } = Proxy.revocable<O>(target, this.#handler() as ProxyHandler<O>);
    this.#drafts.set(target, proxy);
    this.#targets.set(proxy, target);
    this.#revokers.push(revoke);
    return proxy;
  }

  /** Replaces drafts (at any depth inside new objects) by the real objects they stand for. */
  unwrap<V>(value: V, seen = new Set<object>()): V {
    if (typeof value !== "object" || value === null) return value;
    const target = this.#targets.get(value);
    if (target) return target as V;
    if (seen.has(value)) return value;
    seen.add(value);
    const record = value as Record<PropertyKey, unknown>;
    for (const key of Object.keys(record)) {
      const child = this.unwrap(record[key], seen);
      if (child !== record[key]) record[key] = child;
    }
    return value;
  }

  revokeAll(): void {
    for (const revoke of this.#revokers) revoke();
  }

  #handler(): ProxyHandler<object> {
    return {
      get: (target, key) => {
        const value: unknown = Reflect.get(target, key);
        if (typeof value !== "object" || value === null) return value;
        // Proxy invariant: a frozen property must be returned as is.
        const descriptor = Reflect.getOwnPropertyDescriptor(target, key);
        if (descriptor && !descriptor.configurable && !descriptor.writable) return value;
        return this.draftOf(value);
      },
      set: (target, key, value) => {
        this.#remember(target, key, value);
        return Reflect.set(target, key, this.unwrap(value));
      },
      deleteProperty: (target, key) => {
        this.#remember(target, key);
        return Reflect.deleteProperty(target, key);
      },
      defineProperty: (target, key, descriptor) => {
        this.#remember(target, key, descriptor.value);
        if (!("value" in descriptor)) return Reflect.defineProperty(target, key, descriptor);
        const value: unknown = descriptor.value;
        return Reflect.defineProperty(target, key, { ...descriptor, value: this.unwrap(value) });
      },
    };
  }

  #remember(target: object, key: PropertyKey, newValue?: unknown): void {
    const record = target as Record<PropertyKey, unknown>;
    if (Array.isArray(target) && key === "length" && typeof newValue === "number") {
      // Shortening an array drops elements without a set or delete on each: journal them here.
      for (let index = newValue; index < target.length; index++) this.#rememberOne(record, String(index));
    } else if (Array.isArray(target) && isIndexAtOrPast(key, target.length)) {
      // Writing past the end grows the array without a set of `length`.
      this.#rememberOne(record, "length");
    }
    this.#rememberOne(record, key);
  }

  #rememberOne(record: Record<PropertyKey, unknown>, key: PropertyKey): void {
    const had = Object.prototype.hasOwnProperty.call(record, key);
    const old = record[key];
    this.#journal.push(() => {
      if (had) record[key] = old;
      else delete record[key];
    });
  }
}

function isIndexAtOrPast(key: PropertyKey, length: number): boolean {
  return typeof key === "string" && /^(0|[1-9]\d*)$/.test(key) && Number(key) >= length;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === "object" || typeof value === "function") &&
    value !== null &&
    typeof (value as { then?: unknown }).then === "function"
  );
}
