import { readFileSync } from "node:fs";
import { expect } from "vitest";
import type { LibraryReadError, ParsedLibrary } from "../../../src/core/library/entry.js";

/** The text of a file in test/fixtures/library. */
export function libraryFixture(name: string): string {
  return readFileSync(new URL(`../../fixtures/library/${name}`, import.meta.url), "utf8");
}

/** The parsed library, failing the test with the message when it is an error. */
export function expectParsed(result: ParsedLibrary | LibraryReadError): ParsedLibrary {
  if ("error" in result) expect.fail(`expected a library, got the error: ${result.error}`);
  return result;
}

/** The error message, failing the test when the library was read. */
export function expectError(result: ParsedLibrary | LibraryReadError): string {
  if (!("error" in result)) expect.fail(`expected an error, got ${result.entries.length} entries`);
  return result.error;
}
