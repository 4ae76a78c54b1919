import { afterEach, describe, expect, it } from "vitest";
import { loadBundledPapers } from "../../src/app/bundled-corpus.js";
import { CONSOLE_CONTEXT } from "../../src/bots/console/chat.js";
import { MAX_FEEDBACK } from "../../src/core/commands/feedback.js";
import { silentLogger } from "../../src/core/log.js";
import { targetKey } from "../../src/core/target.js";
import { openPostgresStore } from "../../src/storage/postgres/open-postgres-store.js";
import { pgDb } from "../../src/storage/postgres/pg-db.js";
import { createDatabase, serverUrl } from "./database.js";
import { FAR_AWAY_CRON, killAllPaperboys, outputOf, startPaperboy } from "./paperboy-process.js";
import type { Paperboy } from "./paperboy-process.js";
import { Teardown } from "./teardown.js";
import { within } from "./wait.js";

const LIKES_EACH = 30;
const START_MS = 90_000;
const LIKED = "👍 Noted";

const teardown = new Teardown();
afterEach(async () => {
  await killAllPaperboys();
  await teardown.run();
}, 60_000);

describe.skipIf(!serverUrl)("two console chats on one database (real processes)", () => {
  it("30 + 30 /like commands typed at the same time into two processes, as one user, keep all 60", async () => {
    // Both processes must stay below the cap, or the oldest likes would rightly be dropped.
    expect(2 * LIKES_EACH).toBeLessThanOrEqual(MAX_FEEDBACK);
    const database = await createDatabase(serverUrl ?? "");
    teardown.add(() => database.drop());
    const ids = (await loadBundledPapers()).slice(0, 2 * LIKES_EACH).map((paper) => paper.id);
    expect(new Set(ids).size).toBe(2 * LIKES_EACH);

    // Both open the empty database at once (both migrate it, one waits for the other).
    const env = { DATABASE_URL: database.url, LOG_LEVEL: "info", INGEST_CRON: FAR_AWAY_CRON };
    const chats = [startPaperboy("one", env, { stdin: true }), startPaperboy("two", env, { stdin: true })];
    await Promise.all(
      chats.map((chat) => chat.waitForOutput("paperboy console chat", { on: "stdout", timeoutMs: START_MS })),
    );

    // Every line at once into both: each process runs its likes one after another, the two in parallel.
    chats.forEach((chat, n) => {
      const mine = ids.slice(n * LIKES_EACH, (n + 1) * LIKES_EACH);
      chat.write(mine.map((id) => `/like ${id}\n`).join(""));
      chat.endInput();
    });
    const codes = await Promise.all(chats.map((chat) => exitCode(chat)));

    expect(codes).toEqual([0, 0]);
    for (const chat of chats) expect(count(chat.stdout(), LIKED), outputOf(chat)).toBe(LIKES_EACH);
    const store = await openPostgresStore(pgDb(database.url), { log: silentLogger });
    teardown.add(() => store.close());
    const profile = await store.profiles.get(targetKey(CONSOLE_CONTEXT.target));
    expect(targetKey(CONSOLE_CONTEXT.target)).toBe("console:user:local");
    expect([...(profile?.liked ?? [])].sort()).toEqual([...ids].sort());
    expect(profile?.disliked).toEqual([]);
    // Newest last: the two processes' likes alternate in it, so the updates really raced.
    const whose = (profile?.liked ?? []).map((id) => (ids.indexOf(id) < LIKES_EACH ? "1" : "2")).join("");
    expect(whose.match(/1+|2+/g)?.length ?? 0, `likes in stored order, by process: ${whose}`).toBeGreaterThan(
      2,
    );
  }, 240_000);
});

function exitCode(chat: Paperboy): Promise<number | null> {
  return within(() => `${chat.name} to finish its input and exit\n${outputOf(chat)}`, 90_000, chat.exited);
}

function count(text: string, part: string): number {
  return text.split(part).length - 1;
}
