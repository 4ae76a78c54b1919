import pg from "pg";
import type { HeldLock } from "./db.js";

/**
 * The lock's key: the schema's name with the caller's, so stores in different schemas of one
 * database (several deployments, or tests) hold their jobs independently.
 */
const key = "hashtext(coalesce(current_schema(), '') || '/' || $2)";
const tryLockSql = `SELECT pg_try_advisory_lock($1, ${key}) AS held`;
const unlockSql = `SELECT pg_advisory_unlock($1, ${key})`;

/**
 * Idle time before TCP keepalive probes start on a holding connection (the OS default is two
 * hours): a server gone without a word is noticed within a minute or so, and `lost` settles.
 */
const keepAliveMs = 30_000;

/**
 * Holds a session-level advisory lock on a connection of its own, opened for it and ended when
 * the lock is released: a pool's connection would go back to the pool, and the lock with it, to
 * whatever query next borrows it. The server drops the lock when that connection closes, so a
 * holder that dies never leaves it held; `lost` tells a live holder that its connection broke
 * (TCP keepalive lets it notice a server that vanished without closing it, too).
 */
export async function holdOnOwnConnection(
  config: pg.ClientConfig,
  lockClass: number,
  name: string,
): Promise<HeldLock | undefined> {
  const client = new pg.Client({ ...config, keepAlive: true, keepAliveInitialDelayMillis: keepAliveMs });
  let released = false;
  let markLost: () => void = () => {};
  const lost = new Promise<void>((resolve) => (markLost = resolve));
  // Listening to "error" also keeps a broken idle connection from crashing the process.
  const broke = () => {
    if (!released) markLost();
  };
  client.on("error", broke);
  client.on("end", broke);
  try {
    await client.connect();
    const { rows } = await client.query<{ held: boolean }>(tryLockSql, [lockClass, name]);
    if (rows[0]?.held !== true) {
      released = true;
      await client.end();
      return undefined;
    }
  } catch (error) {
    released = true;
    await client.end().catch(() => {});
    throw error;
  }
  let releasing: Promise<void> | undefined;
  const release = async () => {
    released = true;
    // Unlocked before the connection ends: the server frees a closed session's locks a moment
    // after the client sees it closed, and whoever tries next must find the job free.
    await client.query(unlockSql, [lockClass, name]).catch(() => {
      // The connection is gone already, and its lock with it.
    });
    await client.end().catch(() => {});
  };
  return { lost, release: () => (releasing ??= release()) };
}
