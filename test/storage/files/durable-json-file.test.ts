import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DurableJsonFile, writeDurably } from "../../../src/storage/files/durable-json-file.js";
import type { FileIo } from "../../../src/storage/files/file-io.js";
import { nodeFileIo } from "../../../src/storage/files/file-io.js";
import { makeTempDir } from "./helpers.js";

let dir: string;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
});

afterEach(async () => {
  await cleanup();
});

/** Node's file operations, except that each writev writes at most `most` bytes, as a short write would. */
function shortWrites(most: number): FileIo {
  return {
    ...nodeFileIo,
    async open(file, flags) {
      const handle = await nodeFileIo.open(file, flags);
      return {
        writeFile: (data) => handle.writeFile(data),
        sync: () => handle.sync(),
        close: () => handle.close(),
        writev: async (buffers) => {
          const bytes = Buffer.concat(buffers).subarray(0, most);
          await handle.writeFile(bytes);
          return { bytesWritten: bytes.length };
        },
      };
    },
  };
}

describe("DurableJsonFile", () => {
  it("reads null for a missing file and what it wrote otherwise, leaving no temp file", async () => {
    const file = new DurableJsonFile<{ a: number[] }>(path.join(dir, "doc.json"));
    expect(await file.read()).toBeNull();
    await file.write({ a: [1, 2] });
    expect(await file.read()).toEqual({ a: [1, 2] });
    expect(await readFile(path.join(dir, "doc.json"), "utf8")).toBe('{"a":[1,2]}');
    expect(await readdir(dir)).toEqual(["doc.json"]);
  });

  it("writes content given in parts whole, even when the system writes fewer bytes than asked", async () => {
    const file = path.join(dir, "parts.json");
    const parts = ['{"key":', '"a value ', 'with é"', "}"].map((text) => Buffer.from(text));
    await writeDurably(file, parts, shortWrites(3));
    expect(JSON.parse(await readFile(file, "utf8"))).toEqual({ key: "a value with é" });
  });

  it("writes thousands of parts whole (more than one writev takes), in order", async () => {
    const file = path.join(dir, "many.json");
    const values = Array.from({ length: 5000 }, (_, index) => index);
    const parts = ["[", ...values.map((value) => (value === 0 ? `${value}` : `,${value}`)), "]"];
    await writeDurably(
      file,
      parts.map((text) => Buffer.from(text)),
    );
    expect(JSON.parse(await readFile(file, "utf8"))).toEqual(values);
    await writeDurably(
      file,
      parts.map((text) => Buffer.from(text)),
      shortWrites(4001),
    );
    expect(JSON.parse(await readFile(file, "utf8"))).toEqual(values);
  });
});
