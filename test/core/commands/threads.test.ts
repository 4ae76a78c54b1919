import { beforeEach, describe, expect, it } from "vitest";
import type { CommandContext } from "../../../src/core/commands/context.js";
import type { Reply } from "../../../src/core/commands/reply.js";
import type { Target } from "../../../src/core/target.js";
import { targetKey } from "../../../src/core/target.js";
import { harness, type Harness } from "./harness.js";

const text = (reply: Reply): string => [reply.title ?? "", ...reply.lines, reply.footer ?? ""].join("\n");

const GROUP: Target = { platform: "telegram", kind: "channel", id: "-1001" };
const DISCORD: Target = { platform: "discord", kind: "channel", id: "900" };

/** A manager typing in a group, in forum topic `topicId` when given. */
function inGroup(topicId?: string): CommandContext {
  return {
    platform: "telegram",
    userId: "7",
    target: GROUP,
    canManage: async () => true,
    ...(topicId ? { topicId } : {}),
  };
}

function inDiscordChannel(missing: string[]): CommandContext {
  return {
    platform: "discord",
    userId: "55",
    target: DISCORD,
    canManage: async () => true,
    missingThreadPermissions: async () => missing,
  };
}

let h: Harness;
beforeEach(async () => {
  h = await harness();
});

describe("/subscribe threads and topics", () => {
  it("is off by default, turns on and off, and keeps the other settings and the recap", async () => {
    await h.run("subscribe count 3 note off", inGroup());
    expect((await h.store.subscriptions.get(targetKey(GROUP)))?.threads).toBeUndefined();
    await h.run("recap on", inGroup());

    const on = await h.run("subscribe threads on", inGroup());
    expect(text(on)).toMatch(/each paper as its own message to discuss \(threads on\)/);
    const stored = await h.store.subscriptions.get(targetKey(GROUP));
    expect(stored).toMatchObject({ threads: true, count: 3, quietNote: false });
    expect(stored?.recap).toBeDefined();

    // Another change leaves threads on.
    await h.run("subscribe time 09:00", inGroup());
    expect((await h.store.subscriptions.get(targetKey(GROUP)))?.threads).toBe(true);
    expect(text(await h.run("settings", inGroup()))).toMatch(/\(threads on\)/);

    const off = await h.run("subscribe THREADS Off", inGroup());
    expect(text(off)).toMatch("Threads are off: the digest is one message again.");
    expect((await h.store.subscriptions.get(targetKey(GROUP)))?.threads).toBeUndefined();
    expect(text(await h.run("settings", inGroup()))).not.toMatch(/threads/);
  });

  it("refuses a value other than on or off, naming the option", async () => {
    const reply = await h.run("subscribe threads yes", inGroup());
    expect(reply.kind).toBe("error");
    expect(text(reply)).toMatch("threads is on or off");
    expect(text(reply)).toMatch("yes");
    expect(await h.store.subscriptions.get(targetKey(GROUP))).toBeUndefined();
  });

  it("sends the digest to the topic /subscribe was typed in, and moves it when typed elsewhere", async () => {
    const key = targetKey(GROUP);
    const first = await h.run("subscribe", inGroup("45"));
    expect(text(first)).toMatch("in the topic it was set up in");
    expect((await h.store.subscriptions.get(key))?.topicId).toBe("45");

    await h.run("subscribe count 2", inGroup("45"));
    expect((await h.store.subscriptions.get(key))?.topicId).toBe("45");

    await h.run("subscribe", inGroup("77"));
    expect((await h.store.subscriptions.get(key))?.topicId).toBe("77");

    // Typed in General (no topic): the digest goes to the group itself again.
    await h.run("subscribe", inGroup());
    expect((await h.store.subscriptions.get(key))?.topicId).toBeUndefined();
  });

  it("saves threads on even without the platform's thread permissions, and names the missing ones", async () => {
    const reply = await h.run(
      "subscribe threads on",
      inDiscordChannel(["Create Public Threads", "Send Messages in Threads"]),
    );
    expect(reply.kind).toBe("info");
    expect(text(reply)).toMatch(
      "I lack the Create Public Threads and Send Messages in Threads permissions here: each paper is still posted",
    );
    expect((await h.store.subscriptions.get(targetKey(DISCORD)))?.threads).toBe(true);
  });

  it("says nothing of permissions when they are granted, or when threads stay off", async () => {
    expect(text(await h.run("subscribe threads on", inDiscordChannel([])))).not.toMatch(/permission/);
    expect(
      text(await h.run("subscribe threads off", inDiscordChannel(["Create Public Threads"]))),
    ).not.toMatch(/permission/);
  });
});
