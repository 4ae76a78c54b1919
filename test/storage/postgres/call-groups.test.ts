import { describe, expect, it } from "vitest";
import { CallGroups, Lane } from "../../../src/storage/postgres/call-groups.js";

/** A write that records each group it gets, answers `answer(call)` for each call, and can be held. */
function recordingWrite(answer: (call: string) => boolean) {
  const groups: string[][] = [];
  let release: (() => void) | undefined;
  let held: Promise<void> | undefined;
  return {
    groups,
    /** The next write waits until `let go()`. */
    hold() {
      held = new Promise<void>((resolve) => (release = resolve));
    },
    letGo: () => release?.(),
    write: async (calls: string[]): Promise<boolean[]> => {
      groups.push([...calls]);
      if (held) await held;
      if (calls.includes("boom")) throw new Error("the database went away");
      return calls.map(answer);
    },
  };
}

const byName = (call: string): string => call.split("#")[0] ?? call;

describe("CallGroups: calls made together, answered by one write", () => {
  it("answers each of many concurrent calls with its own answer, in one write", async () => {
    const writes = recordingWrite((call) => Number(call.slice(1)) % 3 === 0);
    const groups = new CallGroups(new Lane(), byName, writes.write);
    const calls = Array.from({ length: 100 }, (_, i) => `r${i}`);
    const answers = await Promise.all(calls.map((call) => groups.call(call)));
    expect(answers).toEqual(calls.map((_, i) => i % 3 === 0));
    expect(writes.groups).toEqual([calls]);
  });

  it("a failing write rejects every call of its group, and the next group is written", async () => {
    const writes = recordingWrite(() => true);
    const groups = new CallGroups(new Lane(), byName, writes.write);
    const failed = await Promise.allSettled(["a", "boom", "c"].map((call) => groups.call(call)));
    expect(failed.map((result) => result.status)).toEqual(["rejected", "rejected", "rejected"]);
    for (const result of failed) {
      expect((result as PromiseRejectedResult).reason).toEqual(new Error("the database went away"));
    }
    expect(await groups.call("d")).toBe(true);
    expect(writes.groups).toEqual([["a", "boom", "c"], ["d"]]);
  });

  it("calls arriving while a group is written form the next group, all together", async () => {
    const writes = recordingWrite(() => true);
    const groups = new CallGroups(new Lane(), byName, writes.write);
    writes.hold();
    const first = [groups.call("a"), groups.call("b")];
    await until(() => writes.groups.length === 1);
    const later = [groups.call("c")];
    await nextTurns(3);
    later.push(groups.call("d"), groups.call("e"));
    writes.letGo();
    expect(await Promise.all([...first, ...later])).toEqual([true, true, true, true, true]);
    expect(writes.groups).toEqual([
      ["a", "b"],
      ["c", "d", "e"],
    ]);
  });

  it("a second call on one record waits for the next group, so each group holds a record once", async () => {
    const writes = recordingWrite(() => true);
    const groups = new CallGroups(new Lane(), byName, writes.write);
    await Promise.all(["a#1", "b#1", "a#2", "c#1", "a#3", "b#2"].map((call) => groups.call(call)));
    expect(writes.groups).toEqual([
      ["a#1", "b#1"],
      ["a#2", "c#1"],
      ["a#3", "b#2"],
    ]);
  });

  it("groups sharing a lane are written one at a time, and idle() waits for calls not yet written", async () => {
    const lane = new Lane();
    let writing = 0;
    let most = 0;
    const order: string[] = [];
    const write = async (calls: string[]): Promise<boolean[]> => {
      most = Math.max(most, ++writing);
      await nextTurns(2);
      order.push(...calls);
      writing -= 1;
      return calls.map(() => true);
    };
    const starts = new CallGroups(lane, byName, write);
    const marks = new CallGroups(lane, byName, write);
    void starts.call("start a");
    void marks.call("mark b");
    void starts.call("start c");
    await lane.idle();
    expect(order).toEqual(["start a", "start c", "mark b"]);
    expect(most).toBe(1);
  });
});

function nextTurns(turns: number): Promise<void> {
  return turns === 0
    ? Promise.resolve()
    : new Promise((resolve) => setImmediate(() => void nextTurns(turns - 1).then(resolve)));
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await nextTurns(1);
}
