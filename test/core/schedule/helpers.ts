import type { Reply } from "../../../src/core/commands/reply.js";
import type { ComposeDigest } from "../../../src/core/delivery/digest-port.js";
import type { DeliveryAdapter, SendResult } from "../../../src/core/delivery/port.js";
import type { Logger } from "../../../src/core/log.js";
import { silentLogger } from "../../../src/core/log.js";
import type { FanOutDeps, FanOutSummary } from "../../../src/core/schedule/fan-out.js";
import { runDueDeliveries } from "../../../src/core/schedule/fan-out.js";
import { unlimited } from "../../../src/core/schedule/rate-limit.js";
import type { Subscription } from "../../../src/core/records.js";
import type { Store } from "../../../src/core/store/port.js";
import { openMemoryStore } from "../../../src/storage/files/memory-store.js";

export const PAPERS = ["2605.00001", "2605.00002", "2605.00003"];
export const LATE_LINE = "Sorry, this digest is late.";

export function subscription(overrides: Partial<Subscription> = {}): Subscription {
  return {
    time: "08:00",
    timezone: "Europe/Paris",
    days: "daily",
    count: 3,
    quietNote: false,
    chatId: "42",
    ownerId: "42",
    createdAt: "2026-01-01T00:00:00.000Z",
    ...overrides,
  };
}

/** The same three papers every time; says so when late, as the recommender does. */
export const composeThree: ComposeDigest = (_input, { late }) => ({
  papers: PAPERS.map((id) => ({ id })),
  reply: {
    kind: "papers",
    title: "Today's papers",
    lines: late ? [LATE_LINE] : [],
    cards: PAPERS.map((id) => ({
      id,
      title: `Paper ${id}`,
      authors: [],
      excerpt: "",
      matched: [],
      buttons: [],
    })),
    buttons: [],
  },
});

export interface RecordedSend {
  chatId: string;
  reply: Reply;
  at: number;
}

/** A DeliveryAdapter that records every send; `answer` decides the result per chat. */
export class FakeAdapter implements DeliveryAdapter {
  readonly sends: RecordedSend[] = [];
  answer: (chatId: string) => SendResult | Promise<SendResult> = () => ({ ok: true });

  constructor(readonly platform: DeliveryAdapter["platform"]) {}

  async send(chatId: string, reply: Reply): Promise<SendResult> {
    this.sends.push({ chatId, reply, at: Date.now() });
    return this.answer(chatId);
  }

  /** Papers sent to each chat, in order. */
  papersByChat(): Map<string, string[]> {
    const byChat = new Map<string, string[]>();
    for (const { chatId, reply } of this.sends) {
      byChat.set(chatId, [...(byChat.get(chatId) ?? []), ...reply.cards.map((card) => card.id)]);
    }
    return byChat;
  }
}

/**
 * A view of `inner` that can "crash": from then on no call through it completes, like a process
 * that died. `inner` itself goes on, as the data a restarted process (or another instance) sees.
 */
export function crashable(inner: Store): { store: Store; crash(): void; readonly crashed: boolean } {
  let crashed = false;
  const hang = <T extends object>(collection: T): T =>
    new Proxy(collection, {
      get(target, name) {
        const value: unknown = Reflect.get(target, name);
        if (typeof value !== "function") return value;
        return (...args: unknown[]) =>
          crashed ? new Promise(() => {}) : (value as (...a: unknown[]) => unknown).apply(target, args);
      },
    });
  const whole = hang(inner);
  const store: Store = {
    counts: () => whole.counts(),
    snapshot: () => whole.snapshot(),
    replaceAll: (snapshot) => whole.replaceAll(snapshot),
    close: () => inner.close(),
    profiles: hang(inner.profiles),
    subscriptions: hang(inner.subscriptions),
    libraries: hang(inner.libraries),
    readingLists: hang(inner.readingLists),
    votes: hang(inner.votes),
    deliveries: hang(inner.deliveries),
    papers: hang(inner.papers),
    jobs: hang(inner.jobs),
    ingestRuns: hang(inner.ingestRuns),
    location: inner.location,
  };
  return {
    store,
    crash: () => (crashed = true),
    get crashed() {
      return crashed;
    },
  };
}

/** A fresh in-memory store holding these subscriptions. */
export async function storeWith(subscriptions: Record<string, Subscription>, store = openMemoryStore()) {
  for (const [key, value] of Object.entries(subscriptions)) await store.subscriptions.put(key, value);
  return store;
}

/** A target's delivery records, newest first. */
export function deliveriesOf(store: Store, key: string) {
  return store.deliveries.recent(key, 100);
}

/** A recorder for log lines, to check what the operator is told. */
export function recordingLog(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const write = (obj: object | string, msg?: string) => {
    lines.push(typeof obj === "string" ? obj : `${msg ?? ""} ${JSON.stringify(obj)}`);
  };
  return { lines, debug: write, info: write, warn: write, error: write };
}

/** A fan-out by instance "a" (unless `owner` says otherwise), sends timed by the tick's clock. */
export function fanOut(
  deps: Pick<FanOutDeps, "store" | "now"> & Partial<FanOutDeps>,
): Promise<FanOutSummary> {
  return runDueDeliveries({
    owner: "a",
    clock: () => deps.now,
    compose: composeThree,
    adapters: {},
    limiters: { telegram: unlimited, discord: unlimited },
    graceHours: 6,
    log: silentLogger,
    ...deps,
  });
}
