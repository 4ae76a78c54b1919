import { mkdtemp, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { silentLogger } from "../../src/core/log.js";
import { StateStore } from "../../src/core/state/state-store.js";
import type { BotState, DeliveryRecord } from "../../src/core/state/types.js";
import { emptyState } from "../../src/core/state/types.js";
import { openFileStore } from "../../src/storage/open-store.js";

const topics = [
  "graph neural networks",
  "diffusion models",
  "reinforcement learning",
  "speech recognition",
  "protein folding",
  "retrieval augmented generation",
  "vision transformers",
  "causal inference",
  "federated learning",
  "code generation",
  "robot manipulation",
  "time series forecasting",
];

/**
 * Writes a state file with `users` subscribers (5 interests, some feedback, a subscription and a
 * week of delivery records each) to a temporary directory, then times StateStore.open over the
 * file store: reading, parsing, migrating and validating. The directory is removed afterwards.
 */
export async function benchStateLoad(opts: {
  users: number;
}): Promise<{ stateLoadMs: number; stateFileMb: number }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "paperboy-bench-state-"));
  try {
    const writer = openFileStore(dir, silentLogger);
    await writer.state.write(syntheticState(opts.users));
    await writer.close();
    const { size } = await stat(path.join(dir, "state.json"));

    const reader = openFileStore(dir, silentLogger);
    const started = performance.now();
    const store = await StateStore.open(reader.state);
    const stateLoadMs = performance.now() - started;
    await reader.close();
    if (Object.keys(store.state.profiles).length !== opts.users) throw new Error("state did not round-trip");
    return { stateLoadMs, stateFileMb: size / (1024 * 1024) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function syntheticState(users: number): BotState {
  const state = emptyState();
  const start = Date.UTC(2025, 0, 1);
  for (let user = 0; user < users; user++) {
    const key = `telegram:user:${100_000 + user}`;
    const paper = (n: number) => `2501.${String((user * 37 + n) % 100_000).padStart(5, "0")}`;
    state.profiles[key] = {
      interests: Array.from({ length: 5 }, (_, i) => `${topics[(user + i) % topics.length]} ${i}`),
      liked: [paper(1), paper(2), paper(3)],
      disliked: [paper(4)],
      updatedAt: new Date(start).toISOString(),
    };
    state.subscriptions[key] = {
      time: "08:00",
      timezone: "Europe/Paris",
      days: "daily",
      count: 5,
      quietNote: false,
      chatId: String(100_000 + user),
      ownerId: String(100_000 + user),
      createdAt: new Date(start).toISOString(),
    };
    state.deliveries[key] = Array.from({ length: 7 }, (_, day): DeliveryRecord => {
      const ids = Array.from({ length: 5 }, (_, i) => paper(10 + day * 5 + i));
      const date = new Date(start + day * 86_400_000);
      return {
        localDate: date.toISOString().slice(0, 10),
        at: date.toISOString(),
        status: "sent",
        paperIds: ids,
        sentIds: ids,
      };
    });
    state.sent[key] = state.deliveries[key].flatMap((record) => record.sentIds);
  }
  return state;
}
