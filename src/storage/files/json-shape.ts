/*
 * Plain checks of parsed JSON, shared by the shard loader and the legacy state check. They only
 * read, copying nothing, so checking 10,000 users' records takes milliseconds.
 */

/** A list is judged as a whole (not element by element), like the zod schemas' string lists. */
export function isStringList(value: unknown): value is string[] {
  if (!Array.isArray(value)) return false;
  for (let index = 0; index < value.length; index++) {
    if (typeof value[index] !== "string") return false;
  }
  return true;
}

export function isOneOf(value: unknown, allowed: readonly string[]): boolean {
  return typeof value === "string" && allowed.includes(value);
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** What JSON.parse and structuredClone make: no class instances (zod's records refuse those too). */
export function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (!isObject(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
