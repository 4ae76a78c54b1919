import type { Db } from "../db.js";
import { initial } from "./001-initial.js";
import { paperChanges } from "./002-paper-changes.js";
import { profileFilters } from "./003-profile-filters.js";
import { libraries } from "./004-libraries.js";
import { status } from "./005-status.js";
import { readingListsAndVotes } from "./006-reading-lists-and-votes.js";
import { saverNames } from "./007-saver-names.js";
import { backfillPaperDates, paperDates } from "./008-paper-dates.js";
import { authorFamiliesColumn, backfillAuthorFamilies } from "./009-author-families.js";

export interface Migration {
  /** Applied in increasing order; never renumbered or edited once released. */
  version: number;
  name: string;
  sql: string;
  /**
   * Runs after `sql`, in the same transaction: for rows that only the store's own JS converts as
   * its writes do (e.g. dates `Date.parse` reads and a cast could refuse).
   */
  backfill?: (tx: Db) => Promise<void>;
}

/** Every migration this paperboy knows. Add one for each schema change; do not edit released ones. */
export const migrations: readonly Migration[] = [
  { version: 1, name: "initial", sql: initial },
  { version: 2, name: "paper changes", sql: paperChanges },
  { version: 3, name: "profile filters", sql: profileFilters },
  { version: 4, name: "libraries", sql: libraries },
  { version: 5, name: "status", sql: status },
  { version: 6, name: "reading lists and votes", sql: readingListsAndVotes },
  { version: 7, name: "saver names", sql: saverNames },
  { version: 8, name: "paper dates", sql: paperDates, backfill: backfillPaperDates },
  { version: 9, name: "author families", sql: authorFamiliesColumn, backfill: backfillAuthorFamilies },
];
