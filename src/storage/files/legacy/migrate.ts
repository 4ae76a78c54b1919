import { z } from "zod";
import type { PaperSource } from "../../../core/paper.js";
import { DELIVERY_DAYS, DELIVERY_STATUSES, findStateProblem } from "./state-shape.js";
import type { BotState, CorpusDocument } from "./types.js";
import { CORPUS_VERSION, STATE_VERSION } from "./types.js";
import { DocumentFormatError, DocumentVersionError } from "../../../core/store/errors.js";

// One set of error classes for every stored format, so callers test them with one `instanceof`.
export { DocumentFormatError, DocumentVersionError } from "../../../core/store/errors.js";

export interface MigrateOptions {
  /** Names the document in messages, e.g. its file path. */
  source?: string;
  /** Stamped on records a migration creates. */
  now?: Date;
}

// A current-version state is checked by findStateProblem (state-shape.ts), which must agree with
// the schemas below; zod runs on it only to word the message once that check finds a problem.
// Lists of strings are checked with one predicate, reported as a whole, like the fast check does.
const stringList = z.custom<string[]>(
  (value) => Array.isArray(value) && value.every((item) => typeof item === "string"),
  { message: "expected an array of strings" },
);

// Objects are "loose": a field this code does not know (added later, backward-compatibly) is kept
// as it is instead of being silently dropped on the next write.
const profileSchema = z.looseObject({
  interests: stringList,
  liked: stringList,
  disliked: stringList,
  updatedAt: z.string(),
});

const subscriptionSchema = z.looseObject({
  time: z.string(),
  timezone: z.string(),
  days: z.enum(DELIVERY_DAYS),
  count: z.number().int(),
  quietNote: z.boolean(),
  chatId: z.string(),
  ownerId: z.string(),
  createdAt: z.string(),
  paused: z.looseObject({ reason: z.string(), at: z.string() }).optional(),
});

const deliverySchema = z.looseObject({
  localDate: z.string(),
  at: z.string(),
  status: z.enum(DELIVERY_STATUSES),
  paperIds: stringList,
  sentIds: stringList,
  late: z.boolean().optional(),
  error: z.string().optional(),
});

const stateSchema = z.looseObject({
  version: z.literal(STATE_VERSION),
  profiles: z.record(z.string(), profileSchema),
  subscriptions: z.record(z.string(), subscriptionSchema),
  deliveries: z.record(z.string(), z.array(deliverySchema)),
  sent: z.record(z.string(), stringList),
});

const paperSources = ["seed", "hf", "arxiv", "rss"] as const satisfies readonly PaperSource[];

const paperSchema = z.looseObject({
  id: z.string().min(1),
  title: z.string(),
  abstract: z.string(),
  authors: z.array(z.string()),
  publishedAt: z.string().optional(),
  url: z.string().optional(),
  categories: z.array(z.string()).optional(),
  upvotes: z.number().optional(),
  sources: z.array(z.enum(paperSources)),
});

const corpusSchema = z.looseObject({
  version: z.literal(CORPUS_VERSION),
  papers: z.array(paperSchema),
});

/**
 * Version 0 of the state, before subscriptions existed: interests only, keyed `<platform>:<id>`
 * (`{ "users": { "discord:42": { "interests": ["rl"] } }, "channels": { … } }`, no `version`).
 */
const interestsOnlySchema = z.record(z.string(), z.looseObject({ interests: z.array(z.string()) }));
// At least one of the two: a document with neither (`{}`, or another program's JSON) is not a
// state paperboy wrote, and taking it as empty would lose the real one (its .bak is tried instead).
const stateV0Schema = z
  .looseObject({
    users: interestsOnlySchema.optional(),
    channels: interestsOnlySchema.optional(),
  })
  .refine((doc) => doc.users !== undefined || doc.channels !== undefined, {
    message: 'expected "version", or the "users"/"channels" of format version 0',
  });

/** Version 0 of the corpus: a bare array of papers, or `{ papers }` without a version; no `sources`. */
const paperV0Schema = paperSchema.extend({ sources: z.array(z.enum(paperSources)).optional() });
const corpusV0Schema = z.union([z.array(paperV0Schema), z.looseObject({ papers: z.array(paperV0Schema) })]);

type Step = (doc: unknown, options: Required<MigrateOptions>) => unknown;

const stateSteps: Record<number, Step> = { 0: stateV0ToV1 };
const corpusSteps: Record<number, Step> = { 0: corpusV0ToV1 };

/**
 * Checks a stored bot state and brings it up to STATE_VERSION. A document already at that version
 * and well formed is returned as it is, not copied: hand over one nobody else holds (JSON.parse's).
 * @throws DocumentFormatError naming the first bad field; DocumentVersionError for a newer file.
 * @example const state = migrateState(JSON.parse(text), { source: "data/state.json" });
 */
export function migrateState(raw: unknown, options: MigrateOptions = {}): BotState {
  const opts = withDefaults(options, "the bot state");
  const current = upgrade(raw, STATE_VERSION, stateSteps, opts);
  // zod takes about half a second on 10,000 users and copies them all; the plain check takes tens
  // of milliseconds. zod still decides whenever the plain check is not sure, so the outcome is the same.
  if (findStateProblem(current) === undefined) return current as BotState;
  return validate(stateSchema, current, opts.source);
}

/** Checks a stored corpus and brings it up to CORPUS_VERSION; throws like migrateState. */
export function migrateCorpus(raw: unknown, options: MigrateOptions = {}): CorpusDocument {
  const opts = withDefaults(options, "the corpus");
  const current = upgrade(raw, CORPUS_VERSION, corpusSteps, opts);
  return validate(corpusSchema, current, opts.source);
}

function withDefaults(options: MigrateOptions, source: string): Required<MigrateOptions> {
  return { source: options.source ?? source, now: options.now ?? new Date() };
}

function upgrade(raw: unknown, target: number, steps: Record<number, Step>, opts: Required<MigrateOptions>) {
  let version = versionOf(raw, opts.source, target);
  if (version > target) {
    throw new DocumentVersionError(
      `${opts.source} was written by a newer paperboy (format version ${version}; this one reads up to ` +
        `${target}). Upgrade paperboy to use it; do not edit the file by hand.`,
    );
  }
  let doc = raw;
  while (version < target) {
    const step = steps[version];
    if (!step) throw new DocumentVersionError(`${opts.source}: no migration from format version ${version}.`);
    doc = step(doc, opts);
    version += 1;
  }
  return doc;
}

function versionOf(raw: unknown, source: string, target: number): number {
  if (Array.isArray(raw)) return 0;
  if (typeof raw !== "object" || raw === null) {
    throw new DocumentFormatError(`${source} must be a JSON object with a "version" field.`, "(top level)");
  }
  const version = (raw as { version?: unknown }).version;
  if (version === undefined) return 0;
  if (typeof version !== "number" || !Number.isInteger(version) || version < 0) {
    throw new DocumentFormatError(
      `${source} has a bad "version": ${JSON.stringify(version)}; expected a whole number such as ${target}.`,
      "version",
    );
  }
  return version;
}

function validate<S extends z.ZodType>(schema: S, doc: unknown, source: string): z.output<S> {
  const result = schema.safeParse(doc);
  if (result.success) return result.data;
  const [first] = result.error.issues;
  const field = first ? formatPath(first.path) : "(top level)";
  const problems = result.error.issues
    .slice(0, 3)
    .map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
  const more = result.error.issues.length > 3 ? ` (and ${result.error.issues.length - 3} more problems)` : "";
  throw new DocumentFormatError(`${source} has an unexpected shape at ${problems.join("; ")}${more}.`, field);
}

/** `profiles["discord:user:1"].interests[0]`: readable, and unambiguous for keys holding dots or colons. */
function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "(top level)";
  return path
    .map((key, index) => {
      if (typeof key === "number") return `[${key}]`;
      const name = String(key);
      if (/^[A-Za-z_$][\w$]*$/.test(name)) return index === 0 ? name : `.${name}`;
      return `[${JSON.stringify(name)}]`;
    })
    .join("");
}

function stateV0ToV1(doc: unknown, { source, now }: Required<MigrateOptions>): unknown {
  const { users = {}, channels = {}, ...rest } = validate(stateV0Schema, doc, `${source} (format version 0)`);
  const profiles: BotState["profiles"] = {};
  const entries = [
    ...Object.entries(users).map(([key, value]) => ({ map: "users", kind: "user", key, value }) as const),
    ...Object.entries(channels).map(
      ([key, value]) => ({ map: "channels", kind: "channel", key, value }) as const,
    ),
  ];
  for (const { map, kind, key, value } of entries) {
    const [platform, ...idParts] = key.split(":");
    const id = idParts.join(":");
    if ((platform !== "discord" && platform !== "telegram" && platform !== "console") || !id) {
      const field = `${map}[${JSON.stringify(key)}]`;
      throw new DocumentFormatError(
        `${source} (format version 0) has a bad key at ${field}: expected "<platform>:<id>" with platform ` +
          `discord, telegram or console, e.g. "discord:1234".`,
        field,
      );
    }
    const { interests, ...extra } = value;
    profiles[`${platform}:${kind}:${id}`] = {
      ...extra,
      interests: mergeDuplicates(interests),
      liked: [],
      disliked: [],
      updatedAt: now.toISOString(),
    };
  }
  return { ...rest, version: 1, profiles, subscriptions: {}, deliveries: {}, sent: {} };
}

function mergeDuplicates(interests: string[]): string[] {
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const phrase of interests.map((interest) => interest.trim())) {
    const folded = phrase.toLowerCase();
    if (phrase === "" || seen.has(folded)) continue;
    seen.add(folded);
    kept.push(phrase);
  }
  return kept;
}

function corpusV0ToV1(doc: unknown, { source }: Required<MigrateOptions>): unknown {
  const v0 = validate(corpusV0Schema, doc, `${source} (format version 0)`);
  const { papers, ...rest } = Array.isArray(v0) ? { papers: v0 } : v0;
  // Before papers recorded their origin, every stored paper came from the bundled seed page.
  const withSources = papers.map((paper) => ({ ...paper, sources: paper.sources ?? ["seed"] }));
  return { ...rest, version: 1, papers: withSources };
}
