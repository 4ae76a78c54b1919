import { shelfHolding } from "../helpers/paper-shelf.js";
import { describe, expect, it } from "vitest";
import { createCommandService } from "../../src/core/commands/service.js";
import { silentLogger } from "../../src/core/log.js";
import { TfIdfIndex } from "../../src/core/search/tfidf-index.js";
import type { Store } from "../../src/core/store/port.js";
import { openMemoryStore } from "../../src/storage/files/memory-store.js";
import { ARXIV_PAPERS, NOW, userContext } from "../core/commands/harness.js";
import { RecordingTelemetry } from "./helpers.js";

/** The service as main wires it, with telemetry, over a store whose profile writes take `writeMs`. */
function service(store: Store = openMemoryStore(), writeMs = 0) {
  const update = store.profiles.update.bind(store.profiles);
  store.profiles.update = async (key, now, change) => {
    await new Promise((resolve) => setTimeout(resolve, writeMs));
    return update(key, now, change);
  };
  const telemetry = new RecordingTelemetry();
  const commands = createCommandService({
    index: TfIdfIndex.build(ARXIV_PAPERS),
    papers: shelfHolding(ARXIV_PAPERS, store.papers),
    store,
    log: silentLogger,
    now: () => NOW,
    defaults: { time: "08:00", timezone: "UTC" },
    telemetry,
  });
  return { commands, telemetry, store };
}

describe("command telemetry", () => {
  it("records each command's name, how long it took and that it finished", async () => {
    const { commands, telemetry } = service(openMemoryStore(), 40);
    const reply = await commands.run(userContext(), "/interests add graph neural networks");
    expect(reply.kind).not.toBe("error");

    expect(telemetry.commands).toHaveLength(1);
    const [recorded] = telemetry.commands;
    expect(recorded).toMatchObject({ name: "interests", ok: true });
    expect(recorded?.seconds).toBeGreaterThanOrEqual(0.035);
    expect(recorded?.seconds).toBeLessThan(5);
  });

  it("counts a failed command as not ok, and unknown names as one series", async () => {
    const store = openMemoryStore();
    const { commands, telemetry } = service(store);
    store.profiles.update = () => Promise.reject(new Error("disk full"));
    await commands.run(userContext(), "interests add rl");
    await commands.run(userContext(), "intrests add rl");
    await commands.run(userContext(), "x".repeat(7000));
    await commands.run(userContext(), "find graph neural networks");

    expect(telemetry.commands.map(({ name, ok }) => ({ name, ok }))).toEqual([
      { name: "interests", ok: false },
      { name: "unknown", ok: true },
      { name: "unknown", ok: true },
      { name: "find", ok: true },
    ]);
  });

  it("counts a button under the command it belongs to", async () => {
    const { commands, telemetry } = service();
    await commands.runAction(userContext(), "like:2410.12345");
    await commands.runAction(userContext(), "frobnicate:1");
    expect(telemetry.commands.map(({ name }) => name)).toEqual(["like", "unknown"]);
  });
});
