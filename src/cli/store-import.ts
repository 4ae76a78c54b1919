import { parseArgs } from "node:util";
import type { StoreCounts } from "../core/records.js";
import type { Store } from "../core/store/port.js";
import { asksForHelp } from "./help.js";
import { errorMessage } from "../core/error-message.js";

export interface StoreImportDeps {
  /** Opens the data folder to copy from, read-only: a bot may still run on it. */
  openSource(dir: string): Promise<Store>;
  /** Opens the store to copy into (the database named by DATABASE_URL); undefined when none is set. */
  openTarget(): Promise<Store> | undefined;
  out(line: string): void;
  err(line: string): void;
}

export const STORE_IMPORT_USAGE = "Usage: paperboy store import --from DATA_DIR [--replace]";

/**
 * `paperboy store import --from DIR [--replace]`: copies a data folder (corpus.json and the user
 * records, imported libraries, reading lists and votes included, as any version of paperboy wrote
 * them) into the database named by DATABASE_URL. Refuses a database that already holds users'
 * records (profiles, subscriptions, libraries, reading lists or votes) unless `--replace`; running
 * it again with the same folder gives the same database.
 * Exit code 0, 1 when refused or failed, 2 for bad arguments.
 */
export async function runStoreImport(args: string[], deps: StoreImportDeps): Promise<number> {
  if (asksForHelp(args)) {
    deps.out(STORE_IMPORT_USAGE);
    return 0;
  }
  const request = parseImportArgs(args);
  if (typeof request === "string") {
    deps.err(`${request}\n${STORE_IMPORT_USAGE}`);
    return 2;
  }
  const opening = deps.openTarget();
  if (!opening) {
    deps.err(
      `store import copies a data folder into the database named by DATABASE_URL: set it first.\n${STORE_IMPORT_USAGE}`,
    );
    return 2;
  }
  const source = await deps.openSource(request.from);
  try {
    const target = await opening;
    try {
      return await copy(source, target, request.replace, deps);
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}

async function copy(source: Store, target: Store, replace: boolean, deps: StoreImportDeps): Promise<number> {
  const existing = await target.counts();
  if (!replace && holdsUsers(existing)) {
    deps.err(
      `${target.location} already holds ${describe(existing)}. Nothing was copied: add --replace to ` +
        `replace everything in it with the contents of ${source.location}.`,
    );
    return 1;
  }
  const snapshot = await source.snapshot();
  await target.replaceAll(snapshot);
  const copied = await target.counts();
  deps.out(`Copied ${source.location} into ${target.location}: ${describe(copied)}.`);
  return 0;
}

/** Whether a store holds records its users made, which a copy would overwrite. */
function holdsUsers(counts: StoreCounts): boolean {
  return counts.profiles + counts.subscriptions + counts.libraries + counts.saved + counts.votes > 0;
}

function describe(counts: StoreCounts): string {
  return (
    `${counts.papers} papers, ${counts.profiles} profiles, ${counts.subscriptions} subscriptions, ` +
    `${counts.deliveries} deliveries, ${counts.sent} sent papers, ${counts.libraries} libraries, ` +
    `${counts.saved} saved papers, ${counts.votes} votes`
  );
}

function parseImportArgs(args: string[]): { from: string; replace: boolean } | string {
  let values: { from?: string; replace?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args,
      options: { from: { type: "string" }, replace: { type: "boolean" } },
      strict: true,
      allowPositionals: true,
    }));
  } catch (error) {
    return errorMessage(error);
  }
  if (positionals[0] !== "import" || positionals.length > 1) {
    return positionals.length === 0
      ? "Say what to do: store import."
      : `Unknown store action "${positionals.join(" ")}".`;
  }
  if (!values.from?.trim()) return "--from names the data folder to copy, e.g. --from ./data";
  return { from: values.from, replace: values.replace ?? false };
}
