import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Chat, InlineKeyboardMarkup, Message, Update, UserFromGetMe } from "grammy/types";
import { parseMultipart } from "../multipart.js";

/** A fake Telegram Bot API on 127.0.0.1: parses `/bot<token>/<method>`, records calls, answers like Telegram. */

export interface TelegramApiError {
  error_code: number;
  description: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

export interface RecordedCall {
  method: string;
  /** The call's parameters; an uploaded file (multipart) appears under its field as an UploadedFile. */
  payload: Record<string, unknown>;
}

/** A file a call uploaded, e.g. sendDocument's `document`. */
export interface UploadedFile {
  filename: string;
  bytes: Buffer;
  text: string;
}

/** Telegram's own wording for the failures the adapter must handle. */
export const telegramErrors = {
  unauthorized: { error_code: 401, description: "Unauthorized" },
  notFound: { error_code: 404, description: "Not Found" },
  messageTooLong: { error_code: 400, description: "Bad Request: message is too long" },
  captionTooLong: { error_code: 400, description: "Bad Request: message caption is too long" },
  messageToEditNotFound: { error_code: 400, description: "Bad Request: message to edit not found" },
  notModified: {
    error_code: 400,
    description:
      "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
  },
  chatNotFound: { error_code: 400, description: "Bad Request: chat not found" },
  blocked: { error_code: 403, description: "Forbidden: bot was blocked by the user" },
  kicked: { error_code: 403, description: "Forbidden: bot was kicked from the group chat" },
  deactivated: { error_code: 403, description: "Forbidden: user is deactivated" },
  serverError: { error_code: 500, description: "Internal Server Error" },
  cantParseEntities: (detail: string): TelegramApiError => ({
    error_code: 400,
    description: `Bad Request: can't parse entities: ${detail}`,
  }),
  tooManyRequests: (retryAfter: number): TelegramApiError => ({
    error_code: 429,
    description: `Too Many Requests: retry after ${retryAfter}`,
    parameters: { retry_after: retryAfter },
  }),
} satisfies Record<string, TelegramApiError | ((arg: never) => TelegramApiError)>;

export const BOT_INFO: UserFromGetMe = {
  id: 7000001,
  is_bot: true,
  first_name: "paperboy",
  username: "paperboy_bot",
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};

type Handler = (payload: Record<string, unknown>) => unknown;

/** A file users sent, as getFile describes it and the file route serves it. */
export interface StoredFile {
  fileId: string;
  path: string;
  body: Buffer;
  /** A status other than 200 makes the download fail with Telegram's error body. */
  status: number;
}

/**
 * How a method misbehaves until told otherwise: `hang` records the call and never answers it,
 * `drop` closes the connection without an answer (a network error), an API error answers every call.
 */
export type Fault = "hang" | "drop" | TelegramApiError;

interface Waiter {
  matches: (call: RecordedCall) => boolean;
  resolve: (call: RecordedCall) => void;
}

const ALLOWED_TAGS = new Set([
  "b",
  "strong",
  "i",
  "em",
  "u",
  "ins",
  "s",
  "strike",
  "del",
  "a",
  "code",
  "pre",
  "tg-spoiler",
  "span",
  "blockquote",
]);
const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };
const MAX_TEXT = 4096;
const MAX_CAPTION = 1024;

export class FakeTelegram {
  readonly calls: RecordedCall[] = [];
  /** Status getChatMember reports, by `chatId:userId`; "member" when absent. */
  readonly memberStatus = new Map<string, string>();
  /** Requests for file contents, `/file/bot<token>/<path>`, in order. */
  readonly downloads: string[] = [];
  private readonly files = new Map<string, StoredFile>();
  private readonly failures = new Map<string, TelegramApiError[]>();
  private readonly faults = new Map<string, Fault>();
  private readonly handlers = new Map<string, Handler>();
  private readonly updates: Update[] = [];
  private readonly pollers = new Set<() => void>();
  private readonly waiters = new Set<Waiter>();
  private messageId = 1000;
  /** Messages the bot sent, as they are now (edits applied), by `chatId:messageId`. */
  private readonly messages = new Map<string, Message>();
  private port = 0;
  private readonly server = createServer((req, res) => void this.serve(req, res));

  /** @param acceptedToken when set, any other token gets 401 Unauthorized, like Telegram. */
  constructor(private readonly acceptedToken?: string) {}

  static async start(acceptedToken?: string): Promise<FakeTelegram> {
    const fake = new FakeTelegram(acceptedToken);
    await new Promise<void>((resolve) => fake.server.listen(0, "127.0.0.1", resolve));
    fake.port = (fake.server.address() as AddressInfo).port;
    return fake;
  }

  get apiRoot(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** A message the bot sent, as the chat shows it now (its keyboard edited, say). */
  message(chatId: number, messageId: number): Message {
    const message = this.messages.get(`${chatId}:${messageId}`);
    if (!message) throw new Error(`the bot sent no message ${messageId} to ${chatId}`);
    return structuredClone(message);
  }

  /** The messages the bot sent to a chat, in order, as the chat shows them now. */
  messagesIn(chatId: number): Message[] {
    return [...this.messages.values()]
      .filter((message) => message.chat.id === chatId)
      .map((message) => structuredClone(message));
  }

  /** Documents the bot sent, in order: where, the file and its caption. */
  documents(): { chatId: number; file: UploadedFile; caption?: string }[] {
    return this.callsTo("sendDocument").map(({ payload }) => ({
      chatId: Number(payload.chat_id),
      file: payload.document as UploadedFile,
      ...(typeof payload.caption === "string" ? { caption: payload.caption } : {}),
    }));
  }

  /** The next `times` calls to `method` fail with `error`. */
  failNext(method: string, error: TelegramApiError, times = 1): void {
    const queue = this.failures.get(method) ?? [];
    for (let i = 0; i < times; i++) queue.push(error);
    this.failures.set(method, queue);
  }

  /**
   * Every call to `method` (`*`: to any method) meets `fault` until `clearFault`; a method's own
   * fault wins over `*`. Hung calls are answered by nothing but `close()`.
   */
  setFault(method: string, fault: Fault): void {
    this.faults.set(method, fault);
  }

  /** Lets `method` (all methods when absent) answer normally again. */
  clearFault(method?: string): void {
    if (method === undefined) this.faults.clear();
    else this.faults.delete(method);
  }

  /** Replaces the default answer of a method. Return a TelegramApiError via `telegramError()` to fail. */
  answer(method: string, handler: Handler): void {
    this.handlers.set(method, handler);
  }

  /**
   * Keeps a file as if a user had uploaded it: getFile then names its path, and the file route serves
   * its bytes (or fails with `status`).
   */
  storeFile(fileId: string, body: string | Buffer, options: { status?: number } = {}): StoredFile {
    const file: StoredFile = {
      fileId,
      path: `documents/file_${this.files.size + 1}.bib`,
      body: typeof body === "string" ? Buffer.from(body, "utf8") : body,
      status: options.status ?? 200,
    };
    this.files.set(fileId, file);
    return file;
  }

  /** Queues an update for getUpdates (long polling). */
  pushUpdate(update: Update): void {
    this.updates.push(update);
    for (const wake of this.pollers) wake();
  }

  /** Resolves with the first call (past or future) that matches. */
  waitForCall(
    method: string,
    matches: (payload: Record<string, unknown>) => boolean = () => true,
  ): Promise<RecordedCall> {
    const test = (call: RecordedCall) => call.method === method && matches(call.payload);
    const seen = this.calls.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.add({ matches: test, resolve }));
  }

  async close(): Promise<void> {
    for (const wake of this.pollers) wake();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const pathname = new URL(req.url ?? "/", "http://x").pathname;
    const download = /^\/file\/bot([^/]+)\/(.+)$/.exec(pathname);
    if (download && req.method === "GET")
      return this.serveFile(pathname, download[1] ?? "", download[2] ?? "", res);
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(pathname);
    const payload = await readPayload(req);
    if (!match) return send(res, telegramErrors.notFound);
    const [, token, method = ""] = match;
    if (this.acceptedToken !== undefined && token !== this.acceptedToken)
      return send(res, telegramErrors.unauthorized);
    const call = { method, payload };
    this.record(call);
    const fault = this.faults.get(method) ?? this.faults.get("*");
    if (fault === "hang") return;
    if (fault === "drop") return void res.socket?.destroy();
    if (fault) return send(res, fault);
    const failure = this.failures.get(method)?.shift();
    if (failure) return send(res, failure);
    const custom = this.handlers.get(method);
    if (custom) return send(res, custom(payload));
    if (method === "getUpdates") return this.poll(payload, res);
    send(res, this.defaultAnswer(method, payload));
  }

  /** The Bot API's file route: the bytes of a file getFile named, or Telegram's 404. */
  private serveFile(pathname: string, token: string, path: string, res: ServerResponse): void {
    this.downloads.push(pathname);
    const file = [...this.files.values()].find((candidate) => candidate.path === path);
    const tokenOk = this.acceptedToken === undefined || token === this.acceptedToken;
    if (!file || !tokenOk || file.status === 404) return send(res, telegramErrors.notFound);
    if (file.status !== 200)
      return send(res, { error_code: file.status, description: "Internal Server Error" });
    res.writeHead(200, { "Content-Type": "application/octet-stream", "Content-Length": file.body.length });
    res.end(file.body);
  }

  private record(call: RecordedCall): void {
    this.calls.push(call);
    for (const waiter of this.waiters) {
      if (!waiter.matches(call)) continue;
      this.waiters.delete(waiter);
      waiter.resolve(call);
    }
  }

  private defaultAnswer(method: string, payload: Record<string, unknown>): unknown {
    switch (method) {
      case "getMe":
        return { ok: true, result: BOT_INFO };
      case "deleteWebhook":
      case "setWebhook":
      case "setMyCommands":
      case "answerCallbackQuery":
        return { ok: true, result: true };
      case "getChatMember":
        return this.chatMember(payload);
      case "sendMessage":
        return this.sendMessage(payload);
      case "sendDocument":
        return this.sendDocument(payload);
      case "editMessageReplyMarkup":
        return this.editMessageReplyMarkup(payload);
      case "getFile":
        return this.getFile(payload);
      default:
        return telegramErrors.notFound;
    }
  }

  private chatMember(payload: Record<string, unknown>): unknown {
    const userId = Number(payload.user_id);
    const status = this.memberStatus.get(`${String(payload.chat_id)}:${userId}`) ?? "member";
    return { ok: true, result: { status, user: { id: userId, is_bot: false, first_name: "Member" } } };
  }

  private getFile(payload: Record<string, unknown>): unknown {
    const file = this.files.get(String(payload.file_id));
    if (!file) return { error_code: 400, description: "Bad Request: invalid file_id" };
    return {
      ok: true,
      result: {
        file_id: file.fileId,
        file_unique_id: `u-${file.fileId}`,
        file_size: file.body.length,
        file_path: file.path,
      },
    };
  }

  private sendMessage(payload: Record<string, unknown>): unknown {
    const rawText = String(payload.text ?? "");
    const parsed = payload.parse_mode === "HTML" ? parseTelegramHtml(rawText) : { text: rawText };
    if ("error" in parsed) return telegramErrors.cantParseEntities(parsed.error);
    if (parsed.text.trim().length === 0)
      return { error_code: 400, description: "Bad Request: message text is empty" };
    if (parsed.text.length > MAX_TEXT) return telegramErrors.messageTooLong;
    const chat = chatOf(payload.chat_id);
    const markup = payload.reply_markup as InlineKeyboardMarkup | undefined;
    const topic = payload.message_thread_id;
    // A message in a forum topic says so, as Telegram's own answer does.
    const inTopic = topic !== undefined ? { message_thread_id: Number(topic), is_topic_message: true } : {};
    const message = {
      message_id: ++this.messageId,
      date: 1_760_000_000,
      chat,
      from: BOT_INFO,
      text: parsed.text,
      ...inTopic,
      ...(markup ? { reply_markup: markup } : {}),
    } as Message;
    this.messages.set(`${chat.id}:${message.message_id}`, message);
    return { ok: true, result: message };
  }

  /** sendDocument with an uploaded file (multipart), as grammY sends an InputFile. */
  private sendDocument(payload: Record<string, unknown>): unknown {
    const file = payload.document as UploadedFile | undefined;
    if (!file || typeof file !== "object")
      return { error_code: 400, description: "Bad Request: there is no document in the request" };
    if (typeof payload.caption === "string" && payload.caption.length > MAX_CAPTION)
      return telegramErrors.captionTooLong;
    const chat = chatOf(payload.chat_id);
    const message = {
      message_id: ++this.messageId,
      date: 1_760_000_000,
      chat,
      from: BOT_INFO,
      document: {
        file_id: `doc-${this.messageId}`,
        file_unique_id: `u-doc-${this.messageId}`,
        file_name: file.filename,
        file_size: file.bytes.length,
      },
      ...(typeof payload.caption === "string" ? { caption: payload.caption } : {}),
    } as Message;
    this.messages.set(`${chat.id}:${message.message_id}`, message);
    return { ok: true, result: message };
  }

  private editMessageReplyMarkup(payload: Record<string, unknown>): unknown {
    const key = `${Number(payload.chat_id)}:${Number(payload.message_id)}`;
    const message = this.messages.get(key);
    if (!message) return telegramErrors.messageToEditNotFound;
    const markup = payload.reply_markup as InlineKeyboardMarkup | undefined;
    if (JSON.stringify(markup ?? null) === JSON.stringify(message.reply_markup ?? null))
      return telegramErrors.notModified;
    const edited = { ...message, edit_date: 1_760_000_100 } as Message;
    if (markup) edited.reply_markup = markup;
    else delete edited.reply_markup;
    this.messages.set(key, edited);
    return { ok: true, result: edited };
  }

  /** Long polling: answers at once when updates wait or no timeout was asked, else when one arrives. */
  private poll(payload: Record<string, unknown>, res: ServerResponse): void {
    const offset = Number(payload.offset ?? 0);
    const pending = () => {
      while (this.updates.length > 0 && (this.updates[0]?.update_id ?? 0) < offset) this.updates.shift();
      return [...this.updates];
    };
    if (pending().length > 0 || !payload.timeout || !this.server.listening) {
      return send(res, { ok: true, result: pending() });
    }
    const wake = () => {
      this.pollers.delete(wake);
      if (!res.writableEnded) send(res, { ok: true, result: pending() });
    };
    this.pollers.add(wake);
    res.on("close", () => this.pollers.delete(wake));
  }
}

/** The chat a message went to: groups and channels have negative ids, people positive ones. */
function chatOf(chatId: unknown): Chat {
  const id = Number(chatId);
  return id < 0 ? { id, type: "supergroup", title: "Group" } : { id, type: "private", first_name: "User" };
}

function send(res: ServerResponse, answer: unknown): void {
  const body = isApiError(answer) ? { ok: false, ...answer } : answer;
  const status = isApiError(answer) ? answer.error_code : 200;
  res.writeHead(status, { "Content-Type": "application/json" }).end(JSON.stringify(body));
}

function isApiError(answer: unknown): answer is TelegramApiError {
  return typeof answer === "object" && answer !== null && "error_code" in answer && "description" in answer;
}

/**
 * A call's parameters: a JSON body, or multipart/form-data when grammY uploads a file. There each
 * field is a text (objects as JSON) and a file field holds `attach://<part>`, the part with the bytes.
 */
async function readPayload(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const contentType = req.headers["content-type"] ?? "";
  if (!contentType.includes("multipart/form-data")) {
    const text = raw.toString("utf8");
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  }
  const parts = parseMultipart(raw, contentType);
  const files = new Map(parts.filter((part) => part.filename !== undefined).map((part) => [part.name, part]));
  const payload: Record<string, unknown> = {};
  for (const part of parts) {
    if (part.filename !== undefined) continue;
    const value = part.body.toString("utf8");
    const attached = /^attach:\/\/(.+)$/.exec(value);
    const file = attached ? files.get(attached[1] ?? "") : undefined;
    payload[part.name] = file
      ? ({
          filename: file.filename ?? "",
          bytes: file.body,
          text: file.body.toString("utf8"),
        } satisfies UploadedFile)
      : fieldValue(value);
  }
  return payload;
}

/** A form field as the JSON body would have carried it: numbers and objects decoded, texts as they are. */
function fieldValue(value: string): unknown {
  if (!/^[-\d[{]/.test(value)) return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

/**
 * A strict reading of Telegram's HTML parse mode: only its tags, balanced, `<a>` with a quoted href,
 * and the four named entities. Returns the visible text or Telegram's error detail.
 */
export function parseTelegramHtml(html: string): { text: string } | { error: string } {
  const open: string[] = [];
  let text = "";
  let i = 0;
  while (i < html.length) {
    const char = html[i] ?? "";
    const offset = Buffer.byteLength(html.slice(0, i));
    if (char === "<") {
      const tag = /^<(\/?)([a-z-]+)((?:\s+[a-z-]+="[^"<>]*")*)\s*>/.exec(html.slice(i));
      if (!tag) return { error: `Unexpected end tag at byte offset ${offset}` };
      const [whole, closing, name = ""] = tag;
      if (!ALLOWED_TAGS.has(name))
        return { error: `Unsupported start tag "${name}" at byte offset ${offset}` };
      if (closing) {
        if (open.pop() !== name)
          return { error: `Unmatched end tag at byte offset ${offset}, expected "</${name}>"` };
      } else open.push(name);
      i += whole.length;
    } else if (char === "&") {
      const entity = /^&([a-z]+);/.exec(html.slice(i));
      const value = entity ? ENTITIES[entity[1] ?? ""] : undefined;
      if (!entity || value === undefined)
        return { error: `Character entity expected at byte offset ${offset}` };
      text += value;
      i += entity[0].length;
    } else if (char === ">") {
      return { error: `Unexpected ">" at byte offset ${offset}` };
    } else {
      text += char;
      i += 1;
    }
  }
  if (open.length > 0) return { error: `Can't find end tag corresponding to start tag "${open.at(-1)}"` };
  return { text };
}
