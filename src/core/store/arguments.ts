import type { SavedPaper, Vote } from "../records.js";
import type { Page } from "./port.js";

/*
 * Checks of what reading lists, votes and paper reads are given, shared by both adapters so that
 * they refuse the same arguments the same way: a value that one store would keep and the other
 * refuse (a `savedAt` Postgres cannot read) would make copying a store between them fail.
 */

/**
 * A copy of `paper` with its time as `Date.toISOString` writes it (what either store answers), and
 * `savedByName` only when it is given.
 * @throws TypeError when an id is empty, `savedByName` is given but not a non-empty string, or
 * `savedAt` is not a time.
 */
export function checkedSavedPaper(paper: SavedPaper): SavedPaper {
  const paperId = checkedId("paperId", paper.paperId);
  const savedBy = checkedId("savedBy", paper.savedBy);
  const name = paper.savedByName === undefined ? undefined : checkedId("savedByName", paper.savedByName);
  const time = typeof paper.savedAt === "string" ? Date.parse(paper.savedAt) : Number.NaN;
  if (Number.isNaN(time))
    throw new TypeError(`savedAt must be an ISO time; got ${JSON.stringify(paper.savedAt)}.`);
  return {
    paperId,
    savedBy,
    ...(name !== undefined && { savedByName: name }),
    savedAt: new Date(time).toISOString(),
  };
}

/** @throws TypeError unless `value` is a non-empty string. */
export function checkedId(name: string, value: string): string {
  if (typeof value !== "string" || value.length === 0) {
    throw new TypeError(`${name} must be a non-empty string; got ${JSON.stringify(value)}.`);
  }
  return value;
}

/** @throws RangeError unless offset and limit are whole numbers, 0 or more. */
export function checkPage(page: Page): void {
  checkCount("offset", page.offset);
  checkCount("limit", page.limit);
}

/** @throws RangeError unless `value` is a whole number, 0 or more. */
export function checkCount(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a whole number, 0 or more; got ${String(value)}.`);
  }
}

/** @throws RangeError unless `size` is a whole number, 1 or more. */
export function checkPageSize(size: number): void {
  if (!Number.isSafeInteger(size) || size < 1) {
    throw new RangeError(`A page size must be a whole number, 1 or more; got ${String(size)}.`);
  }
}

/** @throws TypeError unless `vote` is 1, -1 or null. */
export function checkVote(vote: Vote | null): void {
  if (vote !== 1 && vote !== -1 && vote !== null) {
    throw new TypeError(`A vote is 1, -1 or null (withdrawn); got ${String(vote)}.`);
  }
}

/** @throws TypeError unless `time` is a valid Date. */
export function checkTime(name: string, time: Date): void {
  if (!(time instanceof Date) || Number.isNaN(time.getTime())) {
    throw new TypeError(`${name} must be a valid Date.`);
  }
}
