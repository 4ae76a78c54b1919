/** How many files each kind of record is spread over: a change rewrites about 1/64 of that kind. */
export const SHARD_COUNT = 64;

const encoder = new TextEncoder();

/**
 * The shard a target key lives in: 32-bit FNV-1a of its UTF-8 bytes, modulo SHARD_COUNT.
 * It decides which file holds a record, so it must never change: a key found in another shard's
 * file is refused on load. FNV-1a is simple enough to recompute in any language or with a script.
 *
 * @example shardOf("discord:user:42") // a number in 0..63, the same on every machine and version
 */
export function shardOf(key: string): number {
  const bytes = encoder.encode(key);
  let hash = 0x811c9dc5;
  for (let index = 0; index < bytes.length; index++) {
    hash ^= bytes[index] ?? 0;
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % SHARD_COUNT;
}

/** `00`..`63`: the file name of a shard, without `.json`. */
export function shardName(shard: number): string {
  return String(shard).padStart(2, "0");
}
