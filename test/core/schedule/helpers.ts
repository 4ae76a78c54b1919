import type { Reply } from "../../../src/core/commands/reply.js";
import type { ComposeDigest } from "../../../src/core/delivery/digest-port.js";
import type { DeliveryAdapter, SendResult } from "../../../src/core/delivery/port.js";
import type { Logger } from "../../../src/core/log.js";
import { silentLogger } from "../../../src/core/log.js";
import type { FanOutDeps, FanOutSummary } from "../../../src/core/schedule/fan-out.js";
import { runDueDeliveries } from "../../../src/core/schedule/fan-out.js";
import { unlimited } from "../../../src/core/schedule/rate-limit.js";
import { StateStore } from "../../../src/core/state/state-store.js";
import type { BotState, Subscription } from "../../../src/core/state/types.js";
import { emptyState } from "../../../src/core/state/types.js";
import type { DocumentStore } from "../../../src/core/store/port.js";
import { MemoryDocumentStore } from "../../../src/core/store/memory-store.js";

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
export const composeThree: ComposeDigest = (_key, _subscription, { late }) => ({
  paperIds: [...PAPERS],
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

/** A store that can "crash": from then on no write completes, like a process that died. */
export class CrashableStore implements DocumentStore<BotState> {
  readonly inner = new MemoryDocumentStore<BotState>("state");
  readonly location = "memory:crashable";
  crashed = false;

  read(): Promise<BotState | undefined> {
    return this.inner.read();
  }

  write(doc: BotState): Promise<void> {
    return this.crashed ? new Promise(() => {}) : this.inner.write(doc);
  }
}

export async function stateWith(subscriptions: Record<string, Subscription>, doc?: DocumentStore<BotState>) {
  const store = doc ?? new MemoryDocumentStore<BotState>("state");
  await store.write({ ...emptyState(), subscriptions });
  return StateStore.open(store);
}

/** A recorder for log lines, to check what the operator is told. */
export function recordingLog(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const write = (obj: object | string, msg?: string) => {
    lines.push(typeof obj === "string" ? obj : `${msg ?? ""} ${JSON.stringify(obj)}`);
  };
  return { lines, debug: write, info: write, warn: write, error: write };
}

export function fanOut(
  deps: Pick<FanOutDeps, "state" | "now"> & Partial<FanOutDeps>,
): Promise<FanOutSummary> {
  return runDueDeliveries({
    compose: composeThree,
    adapters: {},
    limiters: { telegram: unlimited, discord: unlimited },
    graceHours: 6,
    log: silentLogger,
    ...deps,
  });
}
