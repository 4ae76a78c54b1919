import { describe, expect, it } from "vitest";
import { createDeliveryTick } from "../../src/app/delivery-tick.js";
import { silentLogger } from "../../src/core/log.js";
import type { StoreSnapshot } from "../../src/core/records.js";
import { openMemoryStore } from "../../src/storage/files/memory-store.js";
import { composeThree } from "../core/schedule/helpers.js";

const DAY_MS = 86_400_000;
const KEY = "telegram:user:42";
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS);

describe("the delivery tick", () => {
  it("forgets deliveries older than a month and sent papers too old to be picked again", async () => {
    const store = openMemoryStore();
    const record = (days: number) => ({
      key: KEY,
      localDate: daysAgo(days).toISOString().slice(0, 10),
      status: "sent" as const,
      at: daysAgo(days).toISOString(),
      paperIds: [`p${days}`],
      sentIds: [`p${days}`],
      late: false,
    });
    const snapshot: StoreSnapshot = {
      papers: [],
      profiles: new Map(),
      subscriptions: new Map(),
      deliveries: [record(400), record(40), record(2)],
      sent: new Map([
        [
          KEY,
          [
            { id: "old", publishedAt: daysAgo(30).toISOString() },
            { id: "recent", publishedAt: daysAgo(1).toISOString() },
            { id: "undated" },
          ],
        ],
      ]),
      libraries: new Map(),
      saved: new Map(),
      votes: new Map(),
    };
    await store.replaceAll(snapshot);

    const tick = createDeliveryTick({
      store,
      owner: "a",
      compose: composeThree,
      adapters: {},
      graceHours: 6,
      log: silentLogger,
    });
    await tick();

    expect((await store.deliveries.recent(KEY, 10)).map((delivery) => delivery.paperIds[0])).toEqual(["p2"]);
    expect((await store.deliveries.historyOf([KEY])).get(KEY)?.sent).toEqual(["recent", "undated"]);
  });
});
