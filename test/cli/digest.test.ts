import { describe, expect, it } from "vitest";
import { runDigest } from "../../src/cli/digest.js";
import type { Store } from "../../src/core/store/port.js";
import { PAPERS, composeThree, storeWith, subscription } from "../core/schedule/helpers.js";

async function run(args: string[], given?: Store) {
  const out: string[] = [];
  const err: string[] = [];
  const store =
    given ??
    (await storeWith({
      "telegram:user:42": subscription({ chatId: "42", time: "08:00", timezone: "Europe/Paris" }),
      "discord:channel:9": subscription({ chatId: "9", time: "07:00", timezone: "Europe/Paris" }),
      "telegram:user:7": subscription({
        chatId: "7",
        paused: { reason: "blocked", at: "2026-05-01T00:00:00Z" },
      }),
    }));
  const code = await runDigest(args, {
    store,
    composeAt: async () => composeThree,
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    graceHours: 6,
    now: () => new Date("2026-06-01T06:00:00Z"),
  });
  return { code, out: out.join("\n"), err: err.join("\n"), store };
}

async function expectNothingRecorded(store: Store) {
  for (const { key, lastLocalDate } of await store.subscriptions.scheduled()) {
    expect(lastLocalDate).toBeUndefined();
    expect((await store.deliveries.historyOf([key])).get(key)?.sent).toEqual([]);
  }
}

describe("paperboy digest", () => {
  it("shows who would get which papers at --at, late or on time, and records nothing", async () => {
    const { code, out, store } = await run(["--dry-run", "--at", "2026-06-01T06:00:00Z"]);
    expect(code).toBe(0);
    expect(out).toContain("2 digest(s) would be sent");
    expect(out).toMatch(/telegram:user:42 \(chat 42\) at 2026-06-01 08:00 Europe\/Paris, on time/);
    expect(out).toMatch(
      /discord:channel:9 \(chat 9\) at 2026-06-01 08:00 Europe\/Paris, late \(slot was 60 min ago\)/,
    );
    for (const id of PAPERS) expect(out).toContain(`${id}  Paper ${id}`);
    expect(out).toMatch(/telegram:user:7: paused \(blocked\)/);
    await expectNothingRecorded(store);
  });

  it("uses the current time without --at and says when nothing is due", async () => {
    const early = await run(["--dry-run", "--at", "2026-06-01T04:00:00+00:00"]);
    expect(early.out).toContain("0 digest(s) would be sent");
    const now = await run(["--dry-run"]);
    expect(now.out).toContain("2 digest(s) would be sent");
  });

  it("refuses a malformed --at, naming the valid form", async () => {
    for (const at of ["tomorrow", "2026-12-01 08:00", "2026-12-01T08:00:00", "2026-13-45T99:00:00Z"]) {
      const { code, err } = await run(["--dry-run", "--at", at]);
      expect(code).toBe(2);
      expect(err).toContain("2026-12-01T08:00:00Z");
    }
  });

  it("sends nothing without --dry-run and points to npm start", async () => {
    const { code, err, store } = await run([]);
    expect(code).toBe(2);
    expect(err).toMatch(/npm start/);
    await expectNothingRecorded(store);
  });

  it("names an unknown option", async () => {
    const { code, err } = await run(["--dry-run", "--send"]);
    expect(code).toBe(2);
    expect(err).toMatch(/--send/);
    expect(err).toContain("Usage: paperboy digest --dry-run");
  });
});
