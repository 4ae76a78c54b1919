import { createWriteStream, type WriteStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { silentLogger } from "../../src/core/log.js";
import { StateStore } from "../../src/core/state/state-store.js";
import type { BotState, DeliveryRecord, Profile, Subscription } from "../../src/core/state/types.js";
import { STATE_VERSION } from "../../src/core/state/types.js";
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
 * file store: reading, parsing, migrating and validating. The CPU time (all threads of the process)
 * is reported beside the wall time, which a busy machine stretches. The directory is removed
 * afterwards.
 */
export async function benchStateLoad(opts: {
  users: number;
}): Promise<{ stateLoadMs: number; stateLoadCpuMs: number; stateFileMb: number }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "paperboy-bench-state-"));
  try {
    const file = path.join(dir, "state.json");
    await writeStateFile(file, opts.users);
    const { size } = await stat(file);

    const fileStore = openFileStore(dir, silentLogger);
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const store = await StateStore.open(fileStore.state);
    const cpu = process.cpuUsage(cpuBefore);
    const stateLoadMs = performance.now() - started;
    await fileStore.close();
    const loaded = Object.keys(store.state.profiles).length;
    if (loaded !== opts.users) throw new Error(`loaded ${loaded} profiles, expected ${opts.users}`);
    return { stateLoadMs, stateLoadCpuMs: (cpu.user + cpu.system) / 1000, stateFileMb: size / (1024 * 1024) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Streams the file user by user, in exactly the layout the file store writes (compact JSON, as
 * JSON.stringify gives it), so that building it leaves no large heap behind to distort the timing
 * of the load, as at startup.
 */
async function writeStateFile(file: string, users: number): Promise<void> {
  const out = createWriteStream(file, "utf-8");
  const sections: Array<Exclude<keyof BotState, "version">> = [
    "profiles",
    "subscriptions",
    "deliveries",
    "sent",
  ];
  await write(out, `{"version":${STATE_VERSION}`);
  for (const section of sections) {
    await write(out, `,${JSON.stringify(section)}:{`);
    for (let user = 0; user < users; user++) {
      const [key, record] = syntheticUser(user);
      await write(out, `${user === 0 ? "" : ","}${JSON.stringify(key)}:${JSON.stringify(record[section])}`);
    }
    await write(out, "}");
  }
  await write(out, "}");
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
}

function write(out: WriteStream, chunk: string): Promise<void> {
  return out.write(chunk) ? Promise.resolve() : new Promise((resolve) => out.once("drain", () => resolve()));
}

interface UserRecords {
  profiles: Profile;
  subscriptions: Subscription;
  deliveries: DeliveryRecord[];
  sent: string[];
}

function syntheticUser(user: number): [string, UserRecords] {
  const start = Date.UTC(2025, 0, 1);
  const userId = String(100_000 + user);
  const paper = (n: number) => `2501.${String((user * 37 + n) % 100_000).padStart(5, "0")}`;
  const deliveries = Array.from({ length: 7 }, (_, day): DeliveryRecord => {
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
  const records: UserRecords = {
    profiles: {
      interests: Array.from({ length: 5 }, (_, i) => `${topics[(user + i) % topics.length]} ${i}`),
      liked: [paper(1), paper(2), paper(3)],
      disliked: [paper(4)],
      updatedAt: new Date(start).toISOString(),
    },
    subscriptions: {
      time: "08:00",
      timezone: "Europe/Paris",
      days: "daily",
      count: 5,
      quietNote: false,
      chatId: userId,
      ownerId: userId,
      createdAt: new Date(start).toISOString(),
    },
    deliveries,
    sent: deliveries.flatMap((record) => record.sentIds),
  };
  return [`telegram:user:${userId}`, records];
}
