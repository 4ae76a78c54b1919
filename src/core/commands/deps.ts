import type { PaperShelf } from "../corpus/paper-shelf.js";
import type { PaperLookup } from "../library/paper-lookup.js";
import type { Logger } from "../log.js";
import type { VectorCache } from "../recommender/vector-cache.js";
import type { TfIdfIndex } from "../search/tfidf-index.js";
import type { Store } from "../store/port.js";
import type { Telemetry } from "../telemetry.js";
import type { FindPages } from "./find-pages.js";

export interface CommandServiceDeps {
  index: TfIdfIndex;
  /** Papers by id (what cards show), and the recent ones picks choose from. */
  papers: PaperShelf;
  store: Store;
  log: Logger;
  /** The clock; tests pass a fixed one. */
  now?: () => Date;
  /** Subscription defaults when `/subscribe` leaves them out: `time` HH:MM, IANA `timezone`. */
  defaults: { time: string; timezone: string };
  /** Papers by arXiv id for imported entries the corpus lacks; none asked when absent. */
  lookup?: PaperLookup;
  /** When papers are next ingested (for `/status`); absent, or undefined: no ingestion is scheduled here. */
  nextIngest?: () => Date | undefined;
  /** Operators, as `platform:userId` (ADMIN_IDS): `/status` shows them delivery failures too. */
  admins?: ReadonlySet<string>;
  /** Told each command's name, latency and outcome; none recorded when absent. */
  telemetry?: Telemetry;
}

/** What every command may use. */
export interface CommandEnv {
  index: TfIdfIndex;
  papers: PaperShelf;
  store: Store;
  log: Logger;
  now: () => Date;
  defaults: { time: string; timezone: string };
  lookup?: PaperLookup;
  nextIngest?: () => Date | undefined;
  admins?: ReadonlySet<string>;
  vectors: VectorCache;
  findPages: FindPages;
  /** Every command's usage line and summary, for `help`. */
  usages: ReadonlyArray<{ usage: string; summary: string }>;
}
