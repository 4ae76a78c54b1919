import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { APIInteraction } from "discord.js";
import type { CommandContext, CommandService } from "../../../src/core/commands/context.js";
import type { Target } from "../../../src/core/target.js";
import type { PaperCard, Reply } from "../../../src/core/commands/reply.js";
import type { Logger } from "../../../src/core/log.js";
import { createDiscordBot, type DiscordBot } from "../../../src/bots/discord/client.js";
import { parseMultipart } from "../multipart.js";

export const APP_ID = "100000000000000001";
export const GUILD_ID = "200000000000000002";
export const CHANNEL_ID = "300000000000000003";
export const USER_ID = "400000000000000004";
export const DM_CHANNEL_ID = "500000000000000005";
export const MANAGE_CHANNELS = 1n << 4n;
const SEND_MESSAGES = 1n << 11n;
/** Create Public Threads and Send Messages in Threads: what a thread per paper needs of the bot. */
export const THREAD_PERMISSIONS = (1n << 35n) | (1n << 38n);

// ---------------------------------------------------------------- the fake Discord REST API

/** A JSON body as Discord or paperboy sent it; tests inspect it field by field. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- arbitrary JSON, checked by assertions rather than types
export type Json = any;

export interface RecordedRequest {
  method: string;
  /** Path below `/api/v10`, decoded: `/webhooks/{app}/{token}/messages/@original`. */
  path: string;
  query: URLSearchParams;
  /** Parsed JSON body (of a multipart upload: its `payload_json`), or undefined. */
  body: Json;
  /** The files of a multipart upload, as discord.js sends attachments. */
  files: UploadedFile[];
  authorization?: string;
}

/** A file uploaded with a message: its form field (`files[0]`), name, type and bytes. */
export interface UploadedFile {
  field: string;
  name: string;
  contentType?: string;
  bytes: Buffer;
  text: string;
}

export interface FakeResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

interface Override {
  method: string;
  path: RegExp;
  responses: FakeResponse[];
}

/** A file as an attachment option refers to it: what the interaction payload says about it. */
export interface FakeFile {
  id: string;
  filename: string;
  /** The size the interaction reports, which a test may make disagree with the bytes served. */
  size: number;
  url: string;
}

interface ServedFile {
  body: Buffer;
  status: number;
  /** Whether a Content-Length header announces the size; without one the body streams chunked. */
  announceLength: boolean;
}

const ATTACHMENT_PATH = /^\/attachments\/\d+\/(\d+)\//;

/** A Discord REST API on 127.0.0.1 that records every request and answers like Discord does. */
export class FakeDiscord {
  readonly requests: RecordedRequest[] = [];
  readonly #overrides: Override[] = [];
  readonly #files = new Map<string, ServedFile>();
  /** Messages posted in channels, as last edited, by id. */
  readonly #messages = new Map<string, Record<string, unknown>>();
  readonly #posted: { channelId: string; id: string }[] = [];
  #nextId = 900000000000000000n;

  private constructor(
    readonly server: Server,
    readonly apiRoot: string,
  ) {}

  static async start(): Promise<FakeDiscord> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const fake = new FakeDiscord(server, `http://127.0.0.1:${port}/api`);
    server.on("request", (req, res) => void fake.#serve(req, res));
    return fake;
  }

  /** The next matching requests get these answers, one each, before the defaults apply again. */
  respond(method: string, path: RegExp, ...responses: FakeResponse[]): void {
    this.#overrides.push({ method, path, responses });
  }

  /**
   * Serves `body` at an attachment URL of this server, as Discord's CDN serves uploaded files.
   * `size` is what the interaction will report (the true size by default); `status` other than 200
   * answers with Discord's error instead of the file.
   */
  serveFile(
    filename: string,
    body: string | Buffer,
    options: { size?: number; status?: number; announceLength?: boolean } = {},
  ): FakeFile {
    const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : body;
    const id = this.#id();
    this.#files.set(id, {
      body: bytes,
      status: options.status ?? 200,
      announceLength: options.announceLength ?? true,
    });
    const origin = this.apiRoot.replace(/\/api$/, "");
    return {
      id,
      filename,
      size: options.size ?? bytes.length,
      url: `${origin}/attachments/${CHANNEL_ID}/${id}/${encodeURIComponent(filename)}?ex=6720&hm=signed`,
    };
  }

  /** The downloads of attachment files, in order. */
  downloads(): RecordedRequest[] {
    return this.requests.filter((request) => ATTACHMENT_PATH.test(request.path));
  }

  /** A message posted earlier (over REST or as an interaction's reply), as Discord has it now. */
  message(id: string): Json {
    const message = this.#messages.get(id);
    if (!message) throw new Error(`no message ${id} was posted`);
    return structuredClone(message);
  }

  /** The messages posted in a channel over REST (digests), in order, as Discord has them now. */
  postedIn(channelId: string): Json[] {
    return this.#posted
      .filter((posted) => posted.channelId === channelId)
      .map((posted) => this.message(posted.id));
  }

  /** Requests whose method matches and whose path matches the pattern. */
  find(method: string, path: RegExp): RecordedRequest[] {
    return this.requests.filter((request) => request.method === method && path.test(request.path));
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  async #serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const request: RecordedRequest = {
      method: req.method ?? "GET",
      path: decodeURIComponent(url.pathname.replace(/^\/api\/v10/, "")),
      query: url.searchParams,
      ...readBody(raw, req.headers["content-type"] ?? ""),
      authorization: req.headers.authorization,
    };
    this.requests.push(request);
    const file = ATTACHMENT_PATH.exec(request.path);
    if (file && request.method === "GET") return this.#serveFile(this.#files.get(file[1] ?? ""), res);
    const answer = this.#override(request) ?? this.#default(request);
    if (answer.status === 204) {
      res.writeHead(204, answer.headers ?? {}).end();
      return;
    }
    res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
    res.end(JSON.stringify(answer.body ?? {}));
  }

  #serveFile(file: ServedFile | undefined, res: ServerResponse): void {
    if (!file || file.status !== 200) {
      const status = file?.status ?? 404;
      res.writeHead(status, { "content-type": "text/plain" }).end(status === 404 ? "Not Found" : "Error");
      return;
    }
    const headers: Record<string, string> = { "content-type": "text/plain; charset=utf-8" };
    if (file.announceLength) headers["content-length"] = String(file.body.length);
    res.writeHead(200, headers);
    // Two writes before end: without a Content-Length, Node then streams the body chunked.
    const half = Math.floor(file.body.length / 2);
    res.write(file.body.subarray(0, half));
    res.end(file.body.subarray(half));
  }

  #override(request: RecordedRequest): FakeResponse | undefined {
    const match = this.#overrides.find(
      (override) =>
        override.method === request.method &&
        override.path.test(request.path) &&
        override.responses.length > 0,
    );
    return match?.responses.shift();
  }

  #default({ method, path, body, files }: RecordedRequest): FakeResponse {
    if (method === "POST" && path.endsWith("/callback")) return { status: 204 };
    if (method === "DELETE") return { status: 204 };
    const webhook = /^\/webhooks\/\d+\/[^/]+(?:\/messages\/@original)?$/.exec(path);
    if (webhook && (method === "PATCH" || method === "POST"))
      return { status: 200, body: this.#message(CHANNEL_ID, body, files) };
    const channel = /^\/channels\/(\d+)\/messages$/.exec(path);
    if (channel && method === "POST") {
      const message = this.#message(channel[1] ?? "", body, files);
      this.#posted.push({ channelId: channel[1] ?? "", id: String(message.id) });
      return { status: 200, body: message };
    }
    const thread = /^\/channels\/(\d+)\/messages\/(\d+)\/threads$/.exec(path);
    if (thread && method === "POST") return this.#thread(thread[1] ?? "", thread[2] ?? "", body);
    const edit = /^\/channels\/\d+\/messages\/(\d+)$/.exec(path);
    if (edit && method === "PATCH") return this.#edit(edit[1] ?? "", body);
    if (method === "POST" && path === "/users/@me/channels") {
      return {
        status: 200,
        body: { id: DM_CHANNEL_ID, type: 1, recipients: [discordUser(body?.recipient_id)] },
      };
    }
    if (method === "PUT" && /^\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path)) {
      const commands = body as { name: string }[];
      return {
        status: 200,
        body: commands.map((command) => ({ ...command, id: this.#id(), application_id: APP_ID })),
      };
    }
    if (path === "/gateway/bot") return { status: 401, body: { message: "401: Unauthorized", code: 0 } };
    return { status: 404, body: { message: "404: Not Found", code: 0 } };
  }

  /** Discord's answer to starting a thread on a message: the thread, a channel whose id is the message's. */
  #thread(channelId: string, messageId: string, body: Json): FakeResponse {
    if (!this.#messages.has(messageId)) return discordError(404, 10008, "Unknown Message");
    return {
      status: 201,
      body: {
        id: messageId,
        type: 11,
        guild_id: GUILD_ID,
        parent_id: channelId,
        name: body?.name,
        owner_id: APP_ID,
        thread_metadata: {
          archived: false,
          auto_archive_duration: body?.auto_archive_duration ?? 4320,
          archive_timestamp: new Date().toISOString(),
          locked: false,
        },
        message_count: 0,
        member_count: 1,
      },
    };
  }

  /** Discord's answer to an edit of a channel message: the message with the fields sent replaced. */
  #edit(id: string, body: Json): FakeResponse {
    const message = this.#messages.get(id);
    if (!message) return discordError(404, 10008, "Unknown Message");
    const edited = { ...message, ...body, edited_timestamp: new Date().toISOString() };
    this.#messages.set(id, edited);
    return { status: 200, body: edited };
  }

  #message(channelId: string, body: Json, files: UploadedFile[] = []): Record<string, unknown> {
    const message = {
      id: this.#id(),
      channel_id: channelId,
      type: 0,
      content: body?.content ?? "",
      embeds: body?.embeds ?? [],
      components: body?.components ?? [],
      author: { ...discordUser(APP_ID), bot: true },
      attachments: files.map((file) => ({
        id: this.#id(),
        filename: file.name,
        size: file.bytes.length,
        url: `${this.apiRoot.replace(/\/api$/, "")}/attachments/${channelId}/0/${file.name}`,
        proxy_url: `${this.apiRoot.replace(/\/api$/, "")}/attachments/${channelId}/0/${file.name}`,
      })),
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      flags: body?.flags ?? 0,
    };
    this.#messages.set(message.id, message);
    return message;
  }

  #id(): string {
    this.#nextId += 1n;
    return String(this.#nextId);
  }
}

/**
 * A request body as discord.js sends it: JSON, or multipart/form-data when it uploads files (the
 * message as `payload_json`, each file as `files[n]`).
 */
function readBody(raw: Buffer, contentType: string): { body: Json; files: UploadedFile[] } {
  if (raw.length === 0) return { body: undefined, files: [] };
  if (contentType.includes("json")) return { body: JSON.parse(raw.toString("utf8")), files: [] };
  if (!contentType.includes("multipart/form-data")) return { body: undefined, files: [] };
  const parts = parseMultipart(raw, contentType);
  const payload = parts.find((part) => part.name === "payload_json");
  const files = parts
    .filter((part) => part.filename !== undefined)
    .map((part) => ({
      field: part.name,
      name: part.filename ?? "",
      ...(part.contentType ? { contentType: part.contentType } : {}),
      bytes: part.body,
      text: part.body.toString("utf8"),
    }));
  return { body: payload ? JSON.parse(payload.body.toString("utf8")) : undefined, files };
}

/** Discord's error body: `{ code, message }` with the HTTP status Discord uses for it. */
export function discordError(status: number, code: number, message: string): FakeResponse {
  return { status, body: { code, message } };
}

// ---------------------------------------------------------------- a scripted command layer

export interface ReceivedCommand {
  ctx: CommandContext;
  input: string;
}

/** A command layer that answers from a script and records what the adapter asked it. */
export class ScriptedCommands implements CommandService {
  readonly runs: ReceivedCommand[] = [];
  readonly actions: ReceivedCommand[] = [];
  readonly interests = new Map<string, string[]>();
  /** `follows:<kind>:<id>` or `mutes:<kind>:<id>` → the entries autocomplete offers. */
  readonly entries = new Map<string, string[]>();
  readonly #script: {
    match: (input: string) => boolean;
    reply: (input: string) => Reply | Promise<Reply>;
  }[] = [];

  /** Answers inputs starting with `prefix` with `reply` (a function may throw to simulate a failure). */
  on(prefix: string, reply: Reply | ((input: string) => Reply | Promise<Reply>)): this {
    this.#script.unshift({
      match: (input) => input.startsWith(prefix),
      reply: typeof reply === "function" ? reply : () => reply,
    });
    return this;
  }

  async run(ctx: CommandContext, input: string): Promise<Reply> {
    this.runs.push({ ctx, input });
    return this.#answer(input);
  }

  async runAction(ctx: CommandContext, action: string): Promise<Reply> {
    this.actions.push({ ctx, input: action });
    return this.#answer(action);
  }

  async interestsOf(target: Target): Promise<string[]> {
    const found = this.interests.get(`${target.kind}:${target.id}`);
    if (!found) throw new Error(`no interests scripted for ${target.kind}:${target.id}`);
    return found;
  }
  async entriesOf(target: Target, list: "follows" | "mutes"): Promise<string[]> {
    return this.entries.get(`${list}:${target.kind}:${target.id}`) ?? [];
  }

  async #answer(input: string): Promise<Reply> {
    const entry = this.#script.find((candidate) => candidate.match(input));
    return entry ? entry.reply(input) : infoReply(`ok: ${input}`);
  }
}

// ---------------------------------------------------------------- realistic replies

export function infoReply(...lines: string[]): Reply {
  return { kind: "info", lines, cards: [], buttons: [] };
}

export function errorReply(title: string, ...lines: string[]): Reply {
  return { kind: "error", title, lines, cards: [], buttons: [] };
}

export function paperCard(n: number, overrides: Partial<PaperCard> = {}): PaperCard {
  const id = `2410.${String(10000 + n)}`;
  return {
    id,
    title: `Sparse attention for long-context retrieval, part ${n}`,
    url: `https://arxiv.org/abs/${id}`,
    authors: ["Ada Lovelace", "Alan Turing", "Grace Hopper"],
    excerpt:
      "We study retrieval over long documents with sparse attention and show gains on three benchmarks.",
    score: 0.42,
    why: "matches your interest “long-context retrieval”",
    matched: ["retrieval", "attention"],
    publishedAt: "2024-10-15T00:00:00Z",
    buttons: [
      { label: "👍", action: `like:${id}`, style: "success" },
      { label: "👎", action: `dislike:${id}`, style: "danger" },
      { label: "More like this", action: `similar:${id}` },
    ],
    ...overrides,
  };
}

export function papersReply(
  count: number,
  overrides: Partial<Reply> = {},
  card: Partial<PaperCard> = {},
): Reply {
  return {
    kind: "papers",
    title: "Results for “sparse attention”",
    lines: [],
    cards: Array.from({ length: count }, (_, i) => paperCard(i + 1, card)),
    buttons: [{ label: "Next page", action: "find:tok123:2", style: "primary" }],
    footer: "Page 1 of 3",
    ...overrides,
  };
}

// ---------------------------------------------------------------- a log recorder

export interface LogLine {
  level: "debug" | "info" | "warn" | "error";
  obj: object | string;
  msg?: string;
}

export function recordingLogger(): Logger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: LogLine["level"]) => (obj: object | string, msg?: string) =>
    void lines.push({ level, obj, msg });
  return { lines, debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

// ---------------------------------------------------------------- raw interactions

interface Where {
  /** In a server channel (default) or in the bot's DMs. */
  in?: "guild" | "dm";
  /** The member's permissions in the channel (guild only). */
  permissions?: bigint;
  /** Who acts: USER_ID unless another member is named. */
  userId?: string;
  /** Their server nickname (guild only); none unless given. */
  nick?: string;
  /** Their display name across Discord (`global_name`); none unless given. */
  globalName?: string;
  /** The bot's own permissions in the channel (`app_permissions`): Send Messages unless given. */
  appPermissions?: bigint;
}

type RawOption = {
  name: string;
  type: number;
  value?: string | number;
  focused?: boolean;
  options?: RawOption[];
};

let interactionCounter = 0;

function base(where: Where = {}): Record<string, unknown> {
  interactionCounter += 1;
  const user = { ...discordUser(where.userId ?? USER_ID), global_name: where.globalName ?? null };
  const common = {
    id: String(700000000000000000n + BigInt(interactionCounter)),
    application_id: APP_ID,
    token: `interaction-token-${interactionCounter}`,
    version: 1,
    locale: "en-US",
    app_permissions: String(where.appPermissions ?? SEND_MESSAGES),
    entitlements: [],
    authorizing_integration_owners: { "0": GUILD_ID },
    attachment_size_limit: 8_388_608,
  };
  if (where.in === "dm") {
    return {
      ...common,
      context: 1,
      user,
      channel_id: DM_CHANNEL_ID,
      channel: { id: DM_CHANNEL_ID, type: 1 },
    };
  }
  const member = {
    user,
    nick: where.nick ?? null,
    roles: [],
    permissions: String(where.permissions ?? SEND_MESSAGES),
    joined_at: "2024-01-01T00:00:00.000Z",
    deaf: false,
    mute: false,
    flags: 0,
  };
  return {
    ...common,
    context: 0,
    guild_id: GUILD_ID,
    member,
    channel_id: CHANNEL_ID,
    channel: { id: CHANNEL_ID, type: 0 },
  };
}

/** Option values of a chat command, as `{ name: value }`; strings are type 3, integers type 4. */
export function options(values: Record<string, string | number>): RawOption[] {
  return Object.entries(values).map(([name, value]) => ({
    name,
    value,
    type: typeof value === "number" ? 4 : 3,
  }));
}

/** An attachment option (type 11): its value is the id under which the file sits in `resolved`. */
export function fileOption(name: string, file: FakeFile): RawOption {
  return { name, type: 11, value: file.id };
}

/** Adds the files of attachment options to the interaction's `resolved` data, as Discord sends them. */
export function withFiles(raw: APIInteraction, ...files: FakeFile[]): APIInteraction {
  const attachments = Object.fromEntries(
    files.map((file) => [
      file.id,
      {
        id: file.id,
        filename: file.filename,
        size: file.size,
        url: file.url,
        proxy_url: file.url,
        content_type: "text/plain; charset=utf-8",
      },
    ]),
  );
  const data = (raw as unknown as { data: Record<string, unknown> }).data;
  return { ...raw, data: { ...data, resolved: { attachments } } } as unknown as APIInteraction;
}

/** `["interests", "add"]` wraps `opts` in a subcommand group and a subcommand. */
function nest(path: string[], opts: RawOption[]): RawOption[] {
  return path.reduceRight<RawOption[]>(
    (inner, name, index) => [{ name, type: index === path.length - 1 ? 1 : 2, options: inner }],
    opts,
  );
}

export function chatCommand(
  name: string,
  subcommands: string[],
  opts: RawOption[] = [],
  where?: Where,
): APIInteraction {
  return commandInteraction(2, name, subcommands, opts, where);
}

export function autocomplete(
  name: string,
  subcommands: string[],
  opts: RawOption[],
  where?: Where,
): APIInteraction {
  return commandInteraction(4, name, subcommands, opts, where);
}

/** A slash command (type 2) or its autocomplete request (type 4), with the same payload. */
function commandInteraction(
  type: 2 | 4,
  name: string,
  subcommands: string[],
  opts: RawOption[],
  where?: Where,
): APIInteraction {
  return {
    ...base(where),
    type,
    data: { id: "600000000000000006", name, type: 1, options: nest(subcommands, opts) },
  } as unknown as APIInteraction;
}

/**
 * A press on a button with `customId`, sitting on a message sent earlier (ephemeral or not). `posted`
 * is that message as Discord has it (see `FakeDiscord.message`): its id and components come along.
 */
export function buttonPress(
  customId: string,
  message: { ephemeral?: boolean; posted?: Json } = {},
  where?: Where,
): APIInteraction {
  return {
    ...base(where),
    type: 3,
    data: { custom_id: customId, component_type: 2 },
    message: {
      id: message.posted?.id ?? "800000000000000008",
      channel_id: CHANNEL_ID,
      type: 0,
      content: message.posted?.content ?? "",
      embeds: message.posted?.embeds ?? [],
      components: message.posted?.components ?? [],
      author: { ...discordUser(APP_ID), bot: true },
      attachments: [],
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      timestamp: "2024-10-15T08:00:00.000Z",
      edited_timestamp: null,
      flags: message.ephemeral ? 64 : 0,
    },
  } as unknown as APIInteraction;
}

function discordUser(id: string): Record<string, unknown> {
  return { id, username: `user${id.slice(-4)}`, discriminator: "0", global_name: null, avatar: null };
}

// ---------------------------------------------------------------- the harness

export interface Harness {
  fake: FakeDiscord;
  service: ScriptedCommands;
  log: ReturnType<typeof recordingLogger>;
  bot: DiscordBot;
  /** Delivers a raw interaction to the real client and waits until paperboy has answered it. */
  inject(raw: APIInteraction): Promise<void>;
  close(): Promise<void>;
}

/** Delivers a raw interaction to the bot's real client and waits until paperboy has answered it. */
export async function injectInteraction(bot: DiscordBot, raw: unknown): Promise<void> {
  // `actions` is discord.js's private gateway dispatcher: the one way to feed it a raw interaction.
  const actions = (
    bot.client as unknown as { actions: { InteractionCreate: { handle(data: unknown): void } } }
  ).actions;
  actions.InteractionCreate.handle(raw);
  await bot.idle();
}

/** A real discord.js client built by `createDiscordBot`, talking to a fresh fake Discord. */
export async function startHarness(): Promise<Harness> {
  const fake = await FakeDiscord.start();
  const service = new ScriptedCommands();
  const log = recordingLogger();
  const bot = createDiscordBot({ token: "unused-in-tests", apiRoot: fake.apiRoot, service, log });
  bot.client.rest.setToken("x");
  return {
    fake,
    service,
    log,
    bot,
    inject: (raw) => injectInteraction(bot, raw),
    async close() {
      await bot.stop();
      await fake.close();
    },
  };
}
