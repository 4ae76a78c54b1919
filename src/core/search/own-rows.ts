/**
 * Rows in a buffer of their own (see RowBuilder) are kept in a resizable ArrayBuffer: shrinking it
 * to nothing hands its memory back to the system there and then, which dropping a plain buffer
 * does not (the allocator keeps freed memory for later), so that a build can free each block of
 * rows as soon as it has inverted it. Typed arrays over resizable buffers are slow to index on
 * Node 20, and bulk copies out of them fast: such rows are read through a plain copy (`readable`).
 */
import type { DocumentRows } from "./posting-lists.js";

/** A copy of `entries` in a resizable buffer of its own, which `releaseRows` can free. */
export function ownCopy(entries: Uint32Array): Uint32Array {
  const buffer = new ArrayBuffer(entries.byteLength, { maxByteLength: entries.byteLength });
  const copy = new Uint32Array(buffer, 0, entries.length);
  copy.set(entries);
  return copy;
}

let scratch = new Uint32Array(1 << 16);

/**
 * Entries to index fast: `entries` themselves, or for rows of their own a copy in scratch memory
 * that the next call overwrites (write changes back with `entries.set`).
 */
export function readable(entries: Uint32Array): Uint32Array {
  if (!isOwn(entries)) return entries;
  if (scratch.length < entries.length)
    scratch = new Uint32Array(Math.max(entries.length, scratch.length * 2));
  const copy = scratch.subarray(0, entries.length);
  copy.set(entries);
  return copy;
}

/** Frees the memory of rows of their own now (see ownCopy); they must not be read again. Others are left as they are. */
export function releaseRows(rows: DocumentRows): void {
  const { buffer } = rows.entries;
  if (buffer instanceof ArrayBuffer && buffer.resizable) buffer.resize(0);
}

function isOwn(entries: Uint32Array): boolean {
  const { buffer } = entries;
  return buffer instanceof ArrayBuffer && buffer.resizable;
}
