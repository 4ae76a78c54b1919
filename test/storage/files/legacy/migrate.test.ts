import { describe, expect, it } from "vitest";
import {
  DocumentFormatError,
  DocumentVersionError,
  migrateCorpus,
  migrateState,
} from "../../../../src/storage/files/legacy/migrate.js";
import type { BotState } from "../../../../src/storage/files/legacy/types.js";
import { CORPUS_VERSION, STATE_VERSION, emptyState } from "../../../../src/storage/files/legacy/types.js";

const now = new Date("2025-03-01T08:00:00.000Z");

const currentState: BotState = {
  version: STATE_VERSION,
  profiles: {
    "discord:user:42": {
      interests: ["rl"],
      liked: ["2410.00001"],
      disliked: [],
      updatedAt: "2025-01-01T00:00:00Z",
    },
  },
  subscriptions: {
    "discord:user:42": {
      time: "08:00",
      timezone: "Europe/Paris",
      days: "weekdays",
      count: 5,
      quietNote: true,
      chatId: "42",
      ownerId: "42",
      createdAt: "2025-01-01T00:00:00Z",
    },
  },
  deliveries: {
    "discord:user:42": [
      {
        localDate: "2025-01-02",
        at: "2025-01-02T07:00:00Z",
        status: "sent",
        paperIds: ["a"],
        sentIds: ["a"],
      },
    ],
  },
  sent: { "discord:user:42": ["a"] },
};

function formatErrorOf(run: () => unknown): DocumentFormatError {
  try {
    run();
  } catch (error) {
    if (error instanceof DocumentFormatError) return error;
    throw error;
  }
  throw new Error("expected a DocumentFormatError");
}

describe("migrateState", () => {
  it("accepts the current version as it is", () => {
    expect(migrateState(structuredClone(currentState))).toEqual(currentState);
    expect(migrateState(emptyState())).toEqual(emptyState());
  });

  it("keeps fields it does not know instead of dropping them", () => {
    const withExtra = { ...structuredClone(currentState), notes: { kept: true } };
    const profile = withExtra.profiles["discord:user:42"] as unknown as Record<string, unknown>;
    profile.language = "fr";
    const migrated = migrateState(withExtra) as unknown as typeof withExtra;
    expect(migrated.notes).toEqual({ kept: true });
    expect((migrated.profiles["discord:user:42"] as unknown as Record<string, unknown>).language).toBe("fr");
  });

  it("brings version 0 (interests only, no version field) up to the current version", () => {
    const v0 = {
      users: {
        "discord:42": { interests: ["Graph neural networks", " graph neural networks ", "RL", ""] },
        "telegram:7": { interests: [] },
      },
      channels: { "telegram:-100123": { interests: ["diffusion"] } },
    };
    const state = migrateState(v0, { now });
    expect(state.version).toBe(STATE_VERSION);
    expect(state.profiles).toEqual({
      "discord:user:42": {
        interests: ["Graph neural networks", "RL"],
        liked: [],
        disliked: [],
        updatedAt: now.toISOString(),
      },
      "telegram:user:7": { interests: [], liked: [], disliked: [], updatedAt: now.toISOString() },
      "telegram:channel:-100123": {
        interests: ["diffusion"],
        liked: [],
        disliked: [],
        updatedAt: now.toISOString(),
      },
    });
    expect(state.subscriptions).toEqual({});
    expect(state.deliveries).toEqual({});
    expect(state.sent).toEqual({});
  });

  it("refuses a document with neither a version nor version 0's users or channels, instead of taking it as empty", () => {
    const error = formatErrorOf(() => migrateState({}));
    expect(error.message).toMatch(/expected "version", or the "users"\/"channels" of format version 0/);
  });

  it("names the bad key of a version 0 document", () => {
    const error = formatErrorOf(() => migrateState({ users: { "12345": { interests: ["rl"] } } }));
    expect(error.field).toBe('users["12345"]');
    expect(error.message).toContain("<platform>:<id>");
  });

  it("refuses a version newer than this code and says to upgrade paperboy", () => {
    const newer = { ...emptyState(), version: STATE_VERSION + 1 };
    expect(() => migrateState(newer, { source: "/data/state.json" })).toThrow(DocumentVersionError);
    expect(() => migrateState(newer, { source: "/data/state.json" })).toThrow(
      /\/data\/state\.json.*upgrade paperboy/is,
    );
  });

  it("names the field when the shape is wrong", () => {
    const bad = structuredClone(currentState) as unknown as {
      profiles: Record<string, { interests: unknown }>;
    };
    const profile = bad.profiles["discord:user:42"];
    if (profile) profile.interests = "rl";
    const error = formatErrorOf(() => migrateState(bad, { source: "state.json" }));
    expect(error.field).toBe('profiles["discord:user:42"].interests');
    expect(error.message).toContain(
      'state.json has an unexpected shape at profiles["discord:user:42"].interests',
    );
  });

  it("names a bad subscription value and the missing section", () => {
    const bad = structuredClone(currentState) as unknown as Record<string, unknown> & {
      subscriptions: Record<string, Record<string, unknown>>;
    };
    const subscription = bad.subscriptions["discord:user:42"];
    if (subscription) subscription.days = "sometimes";
    expect(formatErrorOf(() => migrateState(bad)).field).toBe('subscriptions["discord:user:42"].days');
    delete bad.sent;
    expect(formatErrorOf(() => migrateState(bad)).message).toMatch(/\bsent\b/);
  });

  it("rejects what is not a document, and a bad version number, with the valid form", () => {
    expect(() => migrateState("hello")).toThrow(/must be a JSON object with a "version" field/);
    expect(() => migrateState(null)).toThrow(DocumentFormatError);
    expect(formatErrorOf(() => migrateState({ version: "1" })).message).toMatch(
      /bad "version".*whole number/,
    );
    expect(formatErrorOf(() => migrateState({ version: -1 })).field).toBe("version");
  });
});

describe("migrateCorpus", () => {
  const paper = { id: "2410.12345", title: "T", abstract: "A", authors: ["B"] };

  it("accepts the current version", () => {
    const corpus = { version: CORPUS_VERSION, papers: [{ ...paper, sources: ["hf", "arxiv"] }] };
    expect(migrateCorpus(structuredClone(corpus))).toEqual(corpus);
  });

  it("brings a version 0 corpus (a bare array, or papers without a version) up, marking papers as seed", () => {
    const expected = { version: CORPUS_VERSION, papers: [{ ...paper, sources: ["seed"] }] };
    expect(migrateCorpus([paper])).toEqual(expected);
    expect(migrateCorpus({ papers: [paper] })).toEqual(expected);
  });

  it("refuses a newer corpus and names a bad paper field", () => {
    expect(() => migrateCorpus({ version: CORPUS_VERSION + 1, papers: [] })).toThrow(/upgrade paperboy/i);
    const bad = { version: CORPUS_VERSION, papers: [{ ...paper, sources: ["seed"], authors: "B" }] };
    expect(formatErrorOf(() => migrateCorpus(bad)).field).toBe("papers[0].authors");
  });
});
