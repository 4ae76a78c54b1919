import { describe, expect, it } from "vitest";
import {
  MAX_DELIVERIES_PER_TARGET,
  MAX_SENT_PER_TARGET,
  claimDelivery,
  recordSent,
  releaseForRetry,
} from "../../../src/core/schedule/delivery-log.js";
import { emptyState } from "../../../src/core/state/types.js";

const KEY = "telegram:user:1";
const at = new Date("2026-06-01T06:00:00Z");

describe("delivery log", () => {
  it("writes 'sending' and the sent history before the send, then 'sent'", () => {
    const state = emptyState();
    claimDelivery(state, KEY, { localDate: "2026-06-01", paperIds: ["a", "b"], at, late: false });
    expect(state.deliveries[KEY]?.[0]).toMatchObject({
      status: "sending",
      paperIds: ["a", "b"],
      sentIds: [],
    });
    expect(state.sent[KEY]).toEqual(["a", "b"]);

    recordSent(state, KEY, "2026-06-01", at);
    expect(state.deliveries[KEY]?.[0]).toMatchObject({ status: "sent", sentIds: ["a", "b"] });
  });

  it("takes back only the papers its own claim added when the platform says retry", () => {
    const state = emptyState();
    state.sent[KEY] = ["old"];
    const added = claimDelivery(state, KEY, {
      localDate: "2026-06-01",
      paperIds: ["old", "new"],
      at,
      late: false,
    });
    releaseForRetry(state, KEY, "2026-06-01", added);
    expect(state.sent[KEY]).toEqual(["old"]);
    expect(state.deliveries[KEY]).toEqual([]);
  });

  it("keeps the delivery log and the sent history bounded, newest kept", () => {
    const state = emptyState();
    for (let day = 0; day < 400; day++) {
      const paperIds = Array.from({ length: 10 }, (_, n) => `p${day}-${n}`);
      claimDelivery(state, KEY, { localDate: `day-${day}`, paperIds, at, late: false });
    }
    expect(state.deliveries[KEY]).toHaveLength(MAX_DELIVERIES_PER_TARGET);
    expect(state.deliveries[KEY]?.at(-1)?.localDate).toBe("day-399");
    expect(state.sent[KEY]).toHaveLength(MAX_SENT_PER_TARGET);
    expect(state.sent[KEY]?.at(-1)).toBe("p399-9");
  });
});
