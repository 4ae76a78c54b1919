import type { FileIo } from "./file-io.js";

export type JsonOutcome =
  { kind: "ok"; value: unknown } | { kind: "missing" } | { kind: "corrupt"; reason: string };

/** Reads a JSON file, telling a missing file from one that is not JSON (an empty file is not). */
export async function readJsonFile(file: string, io: FileIo): Promise<JsonOutcome> {
  let text: string;
  try {
    text = await io.readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { kind: "missing" };
    throw new Error(`Cannot read ${file}: ${String(error)}`, { cause: error });
  }
  try {
    return { kind: "ok", value: JSON.parse(text) };
  } catch (error) {
    return { kind: "corrupt", reason: `not valid JSON: ${(error as Error).message}` };
  }
}
