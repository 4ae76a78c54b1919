import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { BOT_INFO } from "../bots/telegram/fake-telegram.js";

/** A message a paperboy process handed to the fake Telegram, recorded as the request arrived. */
export interface ReceivedMessage {
  chatId: string;
  text: string;
}

export interface FakeBotApiOptions {
  /** How long sendMessage takes to answer: a slow Telegram keeps sends in flight. Default 0. */
  sendDelayMs?: number;
  /** Each sendMessage waits for this before answering (the request is recorded at once). */
  holdSends?: () => Promise<void>;
}

/**
 * Just enough of the Telegram Bot API, on 127.0.0.1, for whole paperboy processes: getMe, the
 * menu, long polling that never has updates, and a sendMessage that may answer slowly. Unlike
 * test/bots/telegram/fake-telegram.ts it can delay answers, which is what a fan-out killed mid-way
 * needs; a message counts as received as soon as its request arrives, as on the real Telegram.
 */
export class FakeBotApi {
  readonly messages: ReceivedMessage[] = [];
  readonly #calls = new Map<string, number>();
  readonly #waiters = new Set<() => void>();
  readonly #polls = new Set<ServerResponse>();
  readonly #server = createServer((req, res) => void this.#serve(req, res));
  #messageId = 1;
  #port = 0;

  private constructor(private readonly options: FakeBotApiOptions) {}

  static async start(options: FakeBotApiOptions = {}): Promise<FakeBotApi> {
    const fake = new FakeBotApi(options);
    await new Promise<void>((resolve) => fake.#server.listen(0, "127.0.0.1", resolve));
    fake.#port = (fake.#server.address() as AddressInfo).port;
    return fake;
  }

  get apiRoot(): string {
    return `http://127.0.0.1:${this.#port}`;
  }

  /** How many times `method` was called. */
  calls(method: string): number {
    return this.#calls.get(method) ?? 0;
  }

  /** Resolves as soon as `done()` holds, checked after every request (no polling). */
  until(done: () => boolean): Promise<void> {
    if (done()) return Promise.resolve();
    return new Promise((resolve) => {
      const check = () => {
        if (!done()) return;
        this.#waiters.delete(check);
        resolve();
      };
      this.#waiters.add(check);
    });
  }

  async close(): Promise<void> {
    for (const res of this.#polls) answer(res, { ok: true, result: [] });
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // A killed client leaves its sockets behind: nothing to answer there, nothing to fail on.
    res.on("error", () => {});
    req.on("error", () => {});
    const method = /^\/bot[^/]+\/([A-Za-z]+)$/.exec(new URL(req.url ?? "/", "http://x").pathname)?.[1];
    const payload = await readJson(req);
    if (!method) return answer(res, { ok: false, error_code: 404, description: "Not Found" });
    this.#calls.set(method, this.calls(method) + 1);
    if (method === "sendMessage") {
      this.messages.push({ chatId: String(payload.chat_id), text: String(payload.text ?? "") });
    }
    for (const check of [...this.#waiters]) check();
    switch (method) {
      case "getMe":
        return answer(res, { ok: true, result: BOT_INFO });
      case "setMyCommands":
      case "deleteWebhook":
        return answer(res, { ok: true, result: true });
      case "getUpdates":
        return this.#poll(res, Number(payload.timeout ?? 0));
      case "sendMessage":
        return this.#sendMessage(res, payload);
      default:
        return answer(res, { ok: false, error_code: 404, description: "Not Found" });
    }
  }

  /** Long polling with nothing to deliver: answers an empty batch when the poll's timeout ends. */
  #poll(res: ServerResponse, timeoutSeconds: number): void {
    if (!(timeoutSeconds > 0)) return answer(res, { ok: true, result: [] });
    this.#polls.add(res);
    const timer = setTimeout(() => answer(res, { ok: true, result: [] }), timeoutSeconds * 1000);
    res.on("close", () => {
      clearTimeout(timer);
      this.#polls.delete(res);
    });
  }

  async #sendMessage(res: ServerResponse, payload: Record<string, unknown>): Promise<void> {
    await this.options.holdSends?.();
    if (this.options.sendDelayMs) await new Promise((r) => setTimeout(r, this.options.sendDelayMs));
    const chat = { id: Number(payload.chat_id), type: "private" };
    const message = { message_id: ++this.#messageId, date: 1_760_000_000, chat, text: payload.text };
    answer(res, { ok: true, result: message });
  }
}

/** The Bot API's envelope: `{ ok: true, result }`, or `{ ok: false, error_code, description }`. */
type ApiAnswer = { ok: true; result: unknown } | { ok: false; error_code: number; description: string };

function answer(res: ServerResponse, body: ApiAnswer): void {
  if (res.writableEnded || res.destroyed) return;
  const status = body.ok ? 200 : body.error_code;
  res.writeHead(status, { "Content-Type": "application/json" }).end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of req) chunks.push(chunk as Buffer);
  } catch {
    return {};
  }
  const raw = Buffer.concat(chunks).toString("utf8");
  try {
    return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
