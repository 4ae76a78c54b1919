/**
 * Copies and compares of plain JSON data (what the stores keep: objects, arrays, strings, numbers,
 * booleans, null). Written by hand because structuredClone is several times slower on the small
 * records a store hands out thousands at a time (every profile of a tick, every subscription).
 *
 * Properties holding `undefined` are dropped by the copy and ignored by the comparison, as JSON
 * does, so "absent" and "set to undefined" never make two records differ or reach a file.
 */
export function copyJson<T>(value: T): T {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) {
    const copy: unknown[] = new Array<unknown>(value.length);
    for (let index = 0; index < value.length; index++) copy[index] = copyJson<unknown>(value[index]);
    return copy as T;
  }
  const source = value as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(source)) {
    const child = source[key];
    if (child === undefined) continue;
    if (key === "__proto__") {
      // An own property named __proto__ (JSON.parse makes them): plain assignment would set the prototype.
      Object.defineProperty(copy, key, {
        value: copyJson(child),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else {
      copy[key] = copyJson(child);
    }
  }
  return copy as T;
}

/** Whether two JSON values are equal, properties holding `undefined` counting as absent. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let index = 0; index < a.length; index++) if (!jsonEqual(a[index], b[index])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const leftKeys = definedKeys(left);
  if (leftKeys.length !== definedKeys(right).length) return false;
  for (const key of leftKeys) {
    if (!Object.prototype.hasOwnProperty.call(right, key) || !jsonEqual(left[key], right[key])) return false;
  }
  return true;
}

function definedKeys(record: Record<string, unknown>): string[] {
  return Object.keys(record).filter((key) => record[key] !== undefined);
}
