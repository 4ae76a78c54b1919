/**
 * The Store's figures: one profile change (a 👍) on the files adapter and on Postgres at 10,000
 * and 100,000 users, and 10,000 due digests fanned out by two instances sharing Postgres.
 *
 *   npm run bench -- --only store [--database-url postgres://postgres@127.0.0.1:5432/test] [--json]
 *
 * Every user has 5 interests, 100 liked papers and a subscription; in the files adapter also a
 * month of history (30 digests, 150 sent papers), which its memory and its startup carry. In
 * Postgres the history is left out: loading it (3 million deliveries and 15 million sent papers
 * at 100,000 users) through `replaceAll` took 47 s for 10,000 users on a 2-core machine, so
 * some 8 minutes for 100,000, while a profile change reads and writes the `profiles` table only.
 */
import { benchFilesStore } from "./store-files.js";
import { benchTwoInstanceFanOut } from "./store-fan-out.js";
import { benchPostgresStore, withBenchSchema } from "./store-postgres.js";

const SCALES = [10_000, 100_000] as const;
/** Timed profile changes per store and scale: enough for a stable p95, few enough to stay quick. */
const CHANGES = 200;
const DUE_DIGESTS = 10_000;

/**
 * The database the Postgres figures use: `--database-url`, else BENCH_DATABASE_URL, else
 * TEST_DATABASE_URL. Each part runs in a fresh schema of its own, dropped afterwards.
 */
export function storeDatabaseUrl(flag: string | undefined): string | undefined {
  return flag || process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || undefined;
}

export async function benchStore(opts: { databaseUrl: string | undefined }): Promise<Record<string, number>> {
  const figures: Record<string, number> = {};
  for (const users of SCALES) {
    const files = await benchFilesStore({ users, changes: CHANGES });
    const at = scale(users);
    figures[`filesChangeP50Ms${at}`] = files.p50Ms;
    figures[`filesChangeP95Ms${at}`] = files.p95Ms;
    figures[`filesLoopMaxMs${at}`] = files.loopMaxMs;
    figures[`filesChangeBytes${at}`] = Math.round(files.bytesPerChange);
    figures[`filesChangeFsyncs${at}`] = files.fsyncsPerChange;
    figures[`filesOpenMs${at}`] = files.openMs;
  }
  const url = opts.databaseUrl;
  if (!url) {
    console.error(
      "store: Postgres figures left out: pass --database-url postgres://USER@HOST:PORT/DB " +
        "(or set BENCH_DATABASE_URL or TEST_DATABASE_URL) to measure them in a schema of their own.",
    );
    return figures;
  }
  await withBenchSchema(url, async (schema) => {
    for (const users of SCALES) {
      const pg = await benchPostgresStore(url, schema, { users, changes: CHANGES });
      const at = scale(users);
      figures[`pgChangeP50Ms${at}`] = pg.p50Ms;
      figures[`pgChangeP95Ms${at}`] = pg.p95Ms;
      figures[`pgSeedMs${at}`] = pg.seedMs;
    }
  });
  const fanOut = await withBenchSchema(url, (schema) =>
    benchTwoInstanceFanOut(url, schema, { subscribers: DUE_DIGESTS }),
  );
  figures.pgFanOutMs = fanOut.ms;
  figures.pgFanOutCpuMs = fanOut.cpuMs;
  figures.pgFanOutDuplicates = fanOut.duplicates;
  figures.pgFanOutMissed = fanOut.missed;
  figures.pgFanOutSentByA = fanOut.sentByA;
  figures.pgFanOutSentByB = fanOut.sentByB;
  return figures;
}

/** 10000 → "10k". */
function scale(users: number): string {
  return users % 1000 === 0 ? `${users / 1000}k` : String(users);
}
