import { describe, expect, it } from "vitest";
import type { CommandContext } from "../../../src/core/commands/context.js";
import type { Reply } from "../../../src/core/commands/reply.js";
import type { Subscription } from "../../../src/core/records.js";
import type { Store } from "../../../src/core/store/port.js";
import { allPapers, channelContext, harness, NOW, userContext } from "./harness.js";

const userKey = "telegram:user:7";
const channelKey = "discord:channel:900";
const minutes = (count: number): Date => new Date(NOW.getTime() + count * 60_000);
/** The cron's next run as main wires it: 05:30 UTC tomorrow. */
const nextIngest = (): Date => new Date("2024-12-04T05:30:00Z");

function aSubscription(overrides: Partial<Subscription> = {}): Subscription {
  return {
    time: "09:30",
    timezone: "Europe/Paris",
    days: "weekdays",
    count: 5,
    quietNote: true,
    chatId: "chat-7",
    ownerId: "7",
    createdAt: "2024-11-01T00:00:00.000Z",
    ...overrides,
  };
}

/** Claims, starts and finishes one digest at `at`, failing it with `reason` when one is given. */
async function deliver(
  store: Store,
  key: string,
  localDate: string,
  at: Date,
  reason?: string,
): Promise<void> {
  const lease = { owner: "A", until: new Date(at.getTime() + 600_000) };
  const papers = [{ id: "2410.12345" }];
  const reply: Reply = { kind: "papers", lines: [], cards: [], buttons: [] };
  await store.deliveries.claim([{ key, localDate, papers, reply, chatId: "c", late: false }], lease, at);
  await store.deliveries.startSending(key, localDate, lease, at);
  if (reason === undefined) await store.deliveries.markSent(key, localDate, "A", at);
  else await store.deliveries.markFailed(key, localDate, "A", reason, at);
}

async function statusOf(
  setup: (store: Store) => Promise<void> = async () => {},
  ctx: CommandContext = userContext(),
  admins: readonly string[] = [],
): Promise<{ reply: Reply; lines: string[] }> {
  const h = await harness(allPapers(), { nextIngest, admins: new Set(admins) });
  await setup(h.store);
  const reply = await h.run("status", ctx);
  expect(h.errors).toEqual([]);
  return { reply, lines: reply.lines };
}

describe("/status for a new user", () => {
  it("shows the corpus per source, that nothing was ever ingested, the next ingest, and no digest", async () => {
    const { reply, lines } = await statusOf();
    expect(reply).toMatchObject({ kind: "info", title: "paperboy status", private: true });
    expect(lines).toEqual([
      "Papers: 121 in the corpus.",
      "• hf: no papers; last ingest: never.",
      "• arxiv: 2 papers, newest 2024-12-02; last ingest: never.",
      "• rss: no papers; last ingest: never.",
      "• seed: 119 papers, none dated; bundled with paperboy, never fetched.",
      "Next ingest: 2024-12-04 05:30 UTC (in 23 h).",
      "Subscriptions: 0.",
      "Your digest: no digest. /subscribe starts one.",
    ]);
  });

  it("says when no ingestion is scheduled where the command runs", async () => {
    const h = await harness();
    const reply = await h.run("status");
    expect(reply.lines).toContain("Next ingest: none scheduled on this instance.");
  });

  it("takes no options", async () => {
    const h = await harness();
    const reply = await h.run("status everything");
    expect(reply.kind).toBe("error");
    expect(reply.lines.join(" ")).toContain("type just /status");
  });
});

describe("/status of the sources", () => {
  it("tells a source that ran from one that failed and one that never ran", async () => {
    const { lines } = await statusOf(async (store) => {
      const at = minutes(-90).toISOString();
      await store.ingestRuns.record({ source: "hf", at, added: 12, merged: 3 });
      await store.ingestRuns.record({
        source: "arxiv",
        at,
        added: 0,
        merged: 0,
        error: "HTTP 503 from export.arxiv.org",
      });
    });
    expect(lines).toContain(
      "• hf: no papers; last ingest 2024-12-03 05:30 UTC (1 h 30 min ago): 12 new, 3 merged.",
    );
    expect(lines).toContain(
      "• arxiv: 2 papers, newest 2024-12-02; last ingest 2024-12-03 05:30 UTC (1 h 30 min ago) failed: “HTTP 503 from export.arxiv.org”.",
    );
    expect(lines).toContain("• rss: no papers; last ingest: never.");
  });

  it("lists a source the store has runs of even when the corpus knows no such source", async () => {
    const { lines } = await statusOf(async (store) => {
      await store.ingestRuns.record({
        source: "openreview",
        at: minutes(-3 * 24 * 60).toISOString(),
        added: 1,
        merged: 0,
      });
    });
    expect(lines).toContain(
      "• openreview: no papers; last ingest 2024-11-30 07:00 UTC (3 days ago): 1 new, 0 merged.",
    );
  });
});

describe("/status of the caller's digest", () => {
  it("a subscriber sees when the next digest comes, in their zone, and what became of the last one", async () => {
    const { lines } = await statusOf(async (store) => {
      await store.subscriptions.put(userKey, aSubscription());
      await store.subscriptions.put("discord:user:8", aSubscription());
      await deliver(store, userKey, "2024-12-02", new Date("2024-12-02T08:30:00Z"));
    });
    expect(lines).toContain("Subscriptions: 2.");
    expect(lines).toContain("Your digest: next 2024-12-03 09:30 Europe/Paris (in 1 h 30 min).");
    expect(lines).toContain("Last digest: 2024-12-02, sent 2024-12-02 08:30 UTC.");
  });

  it("after today's digest, the next one is on the next delivery day", async () => {
    const { lines } = await statusOf(async (store) => {
      await store.subscriptions.put(userKey, aSubscription({ time: "07:30" }));
      await deliver(store, userKey, "2024-12-03", minutes(-30));
    });
    expect(lines).toContain("Your digest: next 2024-12-04 07:30 Europe/Paris (in 24 h).");
    expect(lines).toContain("Last digest: 2024-12-03, sent 2024-12-03 06:30 UTC.");
  });

  it("a digest whose time has come says it goes out now; a day with nothing to send says why", async () => {
    const { lines } = await statusOf(async (store) => {
      await store.subscriptions.put(userKey, aSubscription({ time: "08:00" }));
      await store.deliveries.recordUnsent(
        [{ key: userKey, localDate: "2024-12-02", status: "skipped", reason: "nothing to send today" }],
        new Date("2024-12-02T07:00:00Z"),
      );
    });
    expect(lines).toContain("Your digest: the one for 2024-12-03 is due now and goes out within a minute.");
    expect(lines).toContain("Last digest: 2024-12-02, nothing sent: “nothing to send today”.");
  });

  it("a paused subscriber is told that nothing is sent, why, and how to resume", async () => {
    const { lines } = await statusOf(async (store) => {
      await store.subscriptions.put(userKey, aSubscription());
      await store.subscriptions.pause(userKey, "Forbidden: bot was blocked by the user", minutes(-24 * 60));
    });
    expect(lines).toContain(
      "Your digest is paused since 2024-12-02 07:00 UTC, so nothing is sent: “Forbidden: bot was blocked by the user”. /subscribe resumes it.",
    );
    expect(lines.some((line) => line.includes("next"))).toBe(false);
  });

  it("in a channel, the channel's digest is the one shown", async () => {
    const { lines } = await statusOf(async (store) => {
      await store.subscriptions.put(userKey, aSubscription());
      await store.subscriptions.put(
        channelKey,
        aSubscription({ time: "10:00", timezone: "UTC", days: "daily" }),
      );
      await deliver(store, channelKey, "2024-12-02", new Date("2024-12-02T10:00:00Z"), "Missing Access");
    }, channelContext(false));
    expect(lines).toContain("This channel's digest: next 2024-12-03 10:00 UTC (in 3 h).");
    expect(lines).toContain("Last digest: 2024-12-02, failed: “Missing Access”.");
  });

  it("the terminal chat is told it gets no daily digest", async () => {
    const console = { platform: "console" as const, kind: "user" as const, id: "local" };
    const { lines } = await statusOf(async (store) => {
      await store.subscriptions.put("console:user:local", aSubscription());
    }, userContext(console));
    expect(lines).toContain("Your digest: the terminal chat gets no daily digest; /picks shows today's.");
  });
});

describe("/status for operators", () => {
  const trouble = async (store: Store): Promise<void> => {
    await store.subscriptions.put(userKey, aSubscription());
    await store.subscriptions.put(channelKey, aSubscription());
    await deliver(store, channelKey, "2024-12-03", minutes(-30), "Missing Access");
    await deliver(store, "discord:user:8", "2024-12-02", minutes(-25 * 60), "older than a day");
    await store.subscriptions.pause(channelKey, "Missing Access", minutes(-30));
  };

  it("an operator also sees the last day's delivery failures and the paused digests", async () => {
    const { lines } = await statusOf(trouble, userContext(), ["discord:55", "telegram:7"]);
    expect(lines.slice(-4)).toEqual([
      "Delivery failures, last 24 h (1):",
      "• discord:channel:900, 2024-12-03, 2024-12-03 06:30 UTC: “Missing Access”",
      "Paused digests (1):",
      "• discord:channel:900, since 2024-12-03 06:30 UTC: “Missing Access”",
    ]);
    expect(lines.join("\n")).not.toContain("older than a day");
  });

  it("an operator with nothing wrong is told so", async () => {
    const { lines } = await statusOf(undefined, userContext(), ["telegram:7"]);
    expect(lines.slice(-2)).toEqual(["Delivery failures, last 24 h: none.", "Paused digests: none."]);
  });

  it("lists the newest ten failures when there are more", async () => {
    const many = async (store: Store): Promise<void> => {
      for (let index = 0; index < 12; index++) {
        await deliver(
          store,
          `telegram:user:${100 + index}`,
          "2024-12-03",
          minutes(-60 + index),
          `failure ${index}`,
        );
      }
    };
    const { lines } = await statusOf(many, userContext(), ["telegram:7"]);
    const start = lines.indexOf("Delivery failures, last 24 h (the newest 10):");
    expect(start).toBeGreaterThan(0);
    expect(lines[start + 1]).toContain("failure 11");
    expect(lines[start + 10]).toContain("failure 2");
    expect(lines[start + 11]).toBe("Paused digests: none.");
  });

  it("nobody else sees them: not another user, not the same id on another platform", async () => {
    for (const admins of [["telegram:8"], ["discord:7"], []]) {
      const { lines } = await statusOf(trouble, userContext(), admins);
      expect(lines.join("\n")).not.toMatch(/Delivery failures|Paused digests|discord:channel:900/);
      expect(lines).toContain("Subscriptions: 2.");
    }
  });
});
