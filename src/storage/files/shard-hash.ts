import type { ShardKind } from "./record-data.js";

/**
 * How many files each kind of record is spread over. A change rewrites its target's shard whole,
 * so a shard's size is what a change costs. Deliveries get more, smaller shards: a target's log
 * and sent history (a month of it is ~13 KB) outweigh its profile (~1.5 KB) and subscription
 * (~0.2 KB) together, and each digest sent rewrites its shard twice (startSending, markSent). At
 * 10,000 users a delivery shard is ~260 KB (2.1 MB with 64), a profile shard ~230 KB. Libraries
 * are the largest records (up to ~1 MB with abstracts) but change only when a target imports one,
 * which rewrites its one shard. Reading lists (up to 2,000 papers, ~0.1 KB each) and votes (~0.1 KB
 * each) are kept by target, a channel's with its channel: a save or a vote rewrites that one shard.
 *
 * Fixed for format version 2: a key found in another shard's file is refused on load. Libraries,
 * reading lists and votes came later within version 2: a folder without their folder holds none.
 */
export const SHARD_COUNTS: Readonly<Record<ShardKind, number>> = {
  profiles: 64,
  subscriptions: 64,
  deliveries: 512,
  libraries: 64,
  "reading-lists": 64,
  votes: 64,
};

/**
 * The shard a target key lives in: 32-bit FNV-1a of its UTF-8 bytes, modulo the kind's shard
 * count. It decides which file holds a record, so it must never change. FNV-1a is simple enough
 * to recompute in any language or with a script.
 *
 * @example shardOf("discord:user:42", "profiles") // 0..63, the same on every machine and version
 */
export function shardOf(key: string, kind: ShardKind): number {
  return keyHash(key) % SHARD_COUNTS[kind];
}

/**
 * `00`..`63` (every kind but deliveries), `000`..`511` (deliveries): the file name of a shard,
 * without `.json`.
 */
export function shardName(kind: ShardKind, shard: number): string {
  return String(shard).padStart(String(SHARD_COUNTS[kind] - 1).length, "0");
}

/**
 * 32-bit FNV-1a of the key's UTF-8 bytes (a lone surrogate counts as U+FFFD, as TextEncoder has
 * it), unsigned. The bytes are worked out from the UTF-16 code units as they are read, instead of
 * by a TextEncoder: every lookup of a record hashes its key, and a fresh buffer per lookup is waste.
 */
export function keyHash(key: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < key.length; index++) {
    let code = key.charCodeAt(index);
    if (code < 0x80) {
      hash = Math.imul(hash ^ code, 0x01000193);
      continue;
    }
    if (code >= 0xd800 && code <= 0xdbff && index + 1 < key.length) {
      const low = key.charCodeAt(index + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
        index += 1;
      }
    }
    if (code >= 0xd800 && code <= 0xdfff) code = 0xfffd; // a lone surrogate, as TextEncoder writes it
    if (code < 0x800) {
      hash = Math.imul(hash ^ (0xc0 | (code >> 6)), 0x01000193);
    } else if (code < 0x10000) {
      hash = Math.imul(hash ^ (0xe0 | (code >> 12)), 0x01000193);
      hash = Math.imul(hash ^ (0x80 | ((code >> 6) & 0x3f)), 0x01000193);
    } else {
      hash = Math.imul(hash ^ (0xf0 | (code >> 18)), 0x01000193);
      hash = Math.imul(hash ^ (0x80 | ((code >> 12) & 0x3f)), 0x01000193);
      hash = Math.imul(hash ^ (0x80 | ((code >> 6) & 0x3f)), 0x01000193);
    }
    hash = Math.imul(hash ^ (0x80 | (code & 0x3f)), 0x01000193);
  }
  return hash >>> 0;
}
