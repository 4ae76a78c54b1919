import { describe, expect, it } from "vitest";
import { DocumentFormatError, migrateState } from "../../../../src/storage/files/legacy/migrate.js";
import { findStateProblem } from "../../../../src/storage/files/legacy/state-shape.js";
import type { BotState } from "../../../../src/storage/files/legacy/types.js";
import { STATE_VERSION } from "../../../../src/storage/files/legacy/types.js";

const key = "telegram:user:7";

/** A state using every optional field, so each one is checked, not only the usual ones. */
function fullState(): BotState {
  return {
    version: STATE_VERSION,
    profiles: { [key]: { interests: ["rl"], liked: ["a"], disliked: [], updatedAt: "2025-01-01T00:00:00Z" } },
    subscriptions: {
      [key]: {
        time: "08:00",
        timezone: "Europe/Paris",
        days: "daily",
        count: 5,
        quietNote: false,
        chatId: "7",
        ownerId: "7",
        createdAt: "2025-01-01T00:00:00Z",
        paused: { reason: "blocked", at: "2025-01-03T00:00:00Z" },
      },
    },
    deliveries: {
      [key]: [
        {
          localDate: "2025-01-02",
          at: "2025-01-02T07:00:00Z",
          status: "sent",
          paperIds: ["a"],
          sentIds: ["a"],
        },
        {
          localDate: "2025-01-03",
          at: "2025-01-03T07:00:00Z",
          status: "failed",
          paperIds: ["b", "c"],
          sentIds: ["b"],
          late: true,
          error: "Forbidden: bot was blocked by the user",
        },
      ],
    },
    sent: { [key]: ["a", "b"] },
  };
}

/** Loose access to a document built by fullState(), to break it in tests. */
type Loose = Record<string, Record<string, unknown>> & {
  deliveries: Record<string, Array<Record<string, unknown>>>;
  subscriptions: Record<string, Record<string, unknown>>;
  profiles: Record<string, Record<string, unknown>>;
};

function broken(change: (doc: Loose) => void): unknown {
  const doc = fullState() as unknown as Loose;
  change(doc);
  return doc;
}

function formatErrorOf(doc: unknown): DocumentFormatError {
  try {
    migrateState(doc, { source: "/data/state.json" });
  } catch (error) {
    if (error instanceof DocumentFormatError) return error;
    throw error;
  }
  throw new Error("expected a DocumentFormatError");
}

const deliveries = (doc: Loose, index: number) => doc.deliveries[key]?.[index] ?? {};
const subscription = (doc: Loose) => doc.subscriptions[key] ?? {};

const problems: Array<{ what: string; change: (doc: Loose) => void; path: Array<string | number> }> = [
  {
    what: "a number among a delivery record's sent ids",
    change: (doc) => {
      deliveries(doc, 1).sentIds = ["b", 5];
    },
    path: ["deliveries", key, 1, "sentIds"],
  },
  {
    what: "an unknown delivery status",
    change: (doc) => {
      deliveries(doc, 1).status = "lost";
    },
    path: ["deliveries", key, 1, "status"],
  },
  {
    what: "a delivery record's late flag as text",
    change: (doc) => {
      deliveries(doc, 1).late = "yes";
    },
    path: ["deliveries", key, 1, "late"],
  },
  {
    what: "a delivery record's error as a number",
    change: (doc) => {
      deliveries(doc, 1).error = 403;
    },
    path: ["deliveries", key, 1, "error"],
  },
  {
    what: "a delivery record that is null",
    change: (doc) => {
      doc.deliveries[key] = [deliveries(doc, 0), null as never];
    },
    path: ["deliveries", key, 1],
  },
  {
    what: "a delivery log that is not a list",
    change: (doc) => {
      doc.deliveries[key] = { 0: deliveries(doc, 0) } as never;
    },
    path: ["deliveries", key],
  },
  {
    what: "a fractional digest size",
    change: (doc) => {
      subscription(doc).count = 2.5;
    },
    path: ["subscriptions", key, "count"],
  },
  {
    what: "a pause note without its time",
    change: (doc) => {
      subscription(doc).paused = { reason: "blocked" };
    },
    path: ["subscriptions", key, "paused", "at"],
  },
  {
    what: "a pause note that is null",
    change: (doc) => {
      subscription(doc).paused = null;
    },
    path: ["subscriptions", key, "paused"],
  },
  {
    what: "a profile without updatedAt",
    change: (doc) => {
      delete doc.profiles[key]?.updatedAt;
    },
    path: ["profiles", key, "updatedAt"],
  },
  {
    what: "profiles stored as a list",
    change: (doc) => {
      doc.profiles = [] as never;
    },
    path: ["profiles"],
  },
  {
    what: "a sent list holding a number",
    change: (doc) => {
      doc.sent = { [key]: ["a", 7] };
    },
    path: ["sent", key],
  },
];

/** The way DocumentFormatError names a field, e.g. `deliveries["telegram:user:7"][1].sentIds`. */
function fieldName(path: Array<string | number>): string {
  return path
    .map((part, index) => {
      if (typeof part === "number") return `[${part}]`;
      if (/^[A-Za-z_$][\w$]*$/.test(part)) return index === 0 ? part : `.${part}`;
      return `[${JSON.stringify(part)}]`;
    })
    .join("");
}

describe("findStateProblem", () => {
  it("finds nothing wrong in a state that uses every optional field, and migrateState keeps it as it is", () => {
    const doc = fullState();
    expect(findStateProblem(doc)).toBeUndefined();
    expect(migrateState(doc)).toBe(doc);
    expect(migrateState(doc)).toEqual(fullState());
  });

  it.each(problems)("names the field holding $what", ({ change, path }) => {
    const doc = broken(change);
    expect(findStateProblem(doc)).toEqual(path);
    const error = formatErrorOf(doc);
    expect(error.field).toBe(fieldName(path));
    expect(error.message).toContain(`/data/state.json has an unexpected shape at ${fieldName(path)}: `);
  });

  it("reports the first problem in document order when there are several", () => {
    const doc = broken((loose) => {
      deliveries(loose, 0).at = 1;
      deliveries(loose, 1).paperIds = "b";
      subscription(loose).days = "sometimes";
    });
    expect(findStateProblem(doc)).toEqual(["subscriptions", key, "days"]);
    const error = formatErrorOf(doc);
    expect(error.field).toBe(`subscriptions["${key}"].days`);
    expect(error.message).toContain(`deliveries["${key}"][1].paperIds`);
  });

  it("keeps fields it does not know deep inside records", () => {
    const doc = broken((loose) => {
      deliveries(loose, 0).channelMessageId = "m-1";
      subscription(loose).language = "fr";
    });
    expect(findStateProblem(doc)).toBeUndefined();
    const state = migrateState(doc) as unknown as Loose;
    expect(deliveries(state, 0).channelMessageId).toBe("m-1");
    expect(subscription(state).language).toBe("fr");
  });

  it("leaves an entry keyed __proto__ to the full validation, which drops it as it always did", () => {
    const text = JSON.stringify(fullState()).replace('"profiles":{', '"profiles":{"__proto__":{"x":1},');
    const doc: unknown = JSON.parse(text);
    expect(findStateProblem(doc)).toEqual(["profiles", "__proto__"]);
    const state = migrateState(doc);
    expect(Object.keys(state.profiles)).toEqual([key]);
    expect(Object.getPrototypeOf(state.profiles)).toBe(Object.prototype);
  });
});
