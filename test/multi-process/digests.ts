import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { silentLogger } from "../../src/core/log.js";
import type { Delivery, Subscription } from "../../src/core/records.js";
import type { Store } from "../../src/core/store/port.js";
import type { TargetKey } from "../../src/core/target.js";
import { openPostgresStore } from "../../src/storage/postgres/open-postgres-store.js";
import { pgDb } from "../../src/storage/postgres/pg-db.js";
import { fakeTelegramToken } from "../config/fakeTokens.js";
import { createDatabase } from "./database.js";
import type { FakeBotApi } from "./fake-bot-api.js";
import { FAR_AWAY_CRON } from "./paperboy-process.js";
import type { Teardown } from "./teardown.js";

/** A database of its own, opened from the test as paperboy opens it (the schema is migrated). */
export interface DigestWorld {
  databaseUrl: string;
  store: Store;
  /** One bot token for every instance, as in a real deployment. */
  token: string;
  /** DATA_DIR for the instances: unused with DATABASE_URL, but never the repository's data/. */
  dataDir: string;
}

export async function openDigestWorld(server: string, teardown: Teardown): Promise<DigestWorld> {
  const database = await createDatabase(server);
  teardown.add(() => database.drop());
  const dataDir = await mkdtemp(path.join(tmpdir(), "paperboy-mp-"));
  teardown.add(() => rm(dataDir, { recursive: true, force: true }));
  const store = await openPostgresStore(pgDb(database.url), { log: silentLogger });
  teardown.add(() => store.close());
  return { databaseUrl: database.url, store, token: fakeTelegramToken(), dataDir };
}

/** The environment of one bot instance (`npm start` with a Telegram token) talking to `telegram`. */
export function botEnv(world: DigestWorld, telegram: FakeBotApi): Record<string, string> {
  return {
    DATABASE_URL: world.databaseUrl,
    DATA_DIR: world.dataDir,
    TELEGRAM_BOT_TOKEN: world.token,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    LOG_LEVEL: "info",
    INGEST_CRON: FAR_AWAY_CRON,
    // Nothing may leave the machine: the paper sources point at the fake, which answers 404.
    HF_API_ROOT: telegram.apiRoot,
    ARXIV_API_ROOT: telegram.apiRoot,
    ARXIV_RSS_ROOT: telegram.apiRoot,
  };
}

export function telegramKey(chatId: string): TargetKey {
  return `telegram:user:${chatId}`;
}

/**
 * Telegram users subscribed yesterday whose slot is the current UTC minute, so each is due as
 * soon as an instance ticks. quietNote: with no interests, every digest is the one-message note
 * saying how to add some, so every subscriber gets exactly one sendMessage.
 */
export async function subscribeDueNow(store: Store, chatIds: readonly string[], now: Date): Promise<void> {
  const time = now.toISOString().slice(11, 16);
  const createdAt = new Date(now.getTime() - 86_400_000).toISOString();
  const subscription = (chatId: string): Subscription => ({
    time,
    timezone: "UTC",
    days: "daily",
    count: 3,
    quietNote: true,
    chatId,
    ownerId: chatId,
    createdAt,
  });
  await Promise.all(
    chatIds.map((chatId) => store.subscriptions.put(telegramKey(chatId), subscription(chatId))),
  );
}

/** Chat ids of private chats (a user's id is their chat's): `count` of them from `first`. */
export function chatIdsFrom(first: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => String(first + i));
}

/** Every delivery record of the given chats' targets, by chat id. */
export async function deliveriesOf(
  store: Store,
  chatIds: readonly string[],
): Promise<Map<string, Delivery[]>> {
  const { deliveries } = await store.snapshot();
  const byKey = new Map(chatIds.map((chatId) => [telegramKey(chatId), chatId]));
  const found = new Map<string, Delivery[]>(chatIds.map((chatId) => [chatId, []]));
  for (const delivery of deliveries) {
    const chatId = byKey.get(delivery.key);
    if (chatId !== undefined) found.get(chatId)?.push(delivery);
  }
  return found;
}

/** How many messages each chat received, over every fake Telegram server given. */
export function messagesPerChat(...servers: FakeBotApi[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const server of servers) {
    for (const { chatId } of server.messages) counts.set(chatId, (counts.get(chatId) ?? 0) + 1);
  }
  return counts;
}

/** "sent: 120, failed: 3" over the records found. */
export function statusCounts(records: Map<string, Delivery[]>): string {
  const counts = new Map<string, number>();
  for (const list of records.values()) {
    for (const { status } of list) counts.set(status, (counts.get(status) ?? 0) + 1);
    if (list.length === 0) counts.set("none", (counts.get("none") ?? 0) + 1);
  }
  return [...counts].map(([status, n]) => `${status}: ${n}`).join(", ");
}
