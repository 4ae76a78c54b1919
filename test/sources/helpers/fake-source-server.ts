import { readFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "../../../src/core/log.js";

/** One canned answer. `delayMs` holds the answer back, to trip client timeouts. */
export interface FakeResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  delayMs?: number;
  /** Accepts the connection and never answers: no status line, no headers, nothing. */
  hang?: boolean;
  /** Sends the status, the headers and this start of the body, then nothing more, keeping the connection open. */
  stallAfter?: string;
  /** Sends the status and the headers, then `chunk` every `everyMs`: `times` chunks then the end, or forever. */
  drip?: { chunk: string; everyMs: number; times?: number };
}

/** A 429 asking the client to come back after `retryAfter` (seconds, or an HTTP date). */
export function rateLimited(retryAfter: string): FakeResponse {
  return { status: 429, headers: { "retry-after": retryAfter }, body: "Too Many Requests" };
}

/** A fixed answer, answers given in turn (the last one repeats), or a function of the request. */
export type FakeRoute = FakeResponse | FakeResponse[] | ((request: RecordedRequest) => FakeResponse);

export interface RecordedRequest {
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
}

export interface FakeSourceServer {
  /** `http://127.0.0.1:<port>`, to use as an API root. */
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** A local stand-in for Hugging Face and arXiv, listening on 127.0.0.1 with a port the OS picks. */
export async function startFakeSourceServer(routes: Record<string, FakeRoute>): Promise<FakeSourceServer> {
  const requests: RecordedRequest[] = [];
  const served = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();
  const drips = new Set<NodeJS.Timeout>();

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const request = { path: url.pathname, query: url.searchParams, headers: req.headers };
    requests.push(request);
    const route = routes[url.pathname];
    const turn = served.get(url.pathname) ?? 0;
    served.set(url.pathname, turn + 1);
    const answer = pickAnswer(route, turn, request);
    const send = () => {
      timers.delete(timer);
      if (answer.hang) return;
      res.writeHead(answer.status ?? 200, answer.headers ?? {});
      if (answer.stallAfter !== undefined) {
        res.flushHeaders();
        if (answer.stallAfter !== "") res.write(answer.stallAfter);
        return;
      }
      if (answer.drip) return dripBody(res, answer.drip, drips);
      res.end(answer.body ?? "");
    };
    const timer = setTimeout(send, answer.delayMs ?? 0);
    timers.add(timer);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        for (const interval of drips) clearInterval(interval);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Writes the body a chunk at a time; `drips` holds the running intervals until the response closes. */
function dripBody(res: ServerResponse, spec: NonNullable<FakeResponse["drip"]>, drips: Set<NodeJS.Timeout>) {
  res.flushHeaders();
  let sent = 0;
  const interval = setInterval(() => {
    if (spec.times !== undefined && sent >= spec.times) return void res.end();
    sent += 1;
    res.write(spec.chunk);
  }, spec.everyMs);
  drips.add(interval);
  res.on("close", () => {
    clearInterval(interval);
    drips.delete(interval);
  });
}

function pickAnswer(route: FakeRoute | undefined, turn: number, request: RecordedRequest): FakeResponse {
  if (route === undefined) return { status: 404, body: "Not Found" };
  if (typeof route === "function") return route(request);
  if (!Array.isArray(route)) return route;
  return route[Math.min(turn, route.length - 1)] ?? { status: 500 };
}

/** A real response sample from test/fixtures (see SOURCES.md there). */
export function fixture(name: string): string {
  return readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), "utf8");
}

export const xmlHeaders = { "content-type": "application/atom+xml; charset=utf-8" };
export const jsonHeaders = { "content-type": "application/json; charset=utf-8" };

export interface LogLine {
  level: "debug" | "info" | "warn" | "error";
  message: string;
}

/** A Logger that keeps each line's level and message. */
export function recordingLogger(): { log: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const record = (level: LogLine["level"]) => (obj: object | string, msg?: string) => {
    lines.push({ level, message: typeof obj === "string" ? obj : (msg ?? "") });
  };
  return {
    log: { debug: record("debug"), info: record("info"), warn: record("warn"), error: record("error") },
    lines,
  };
}

/** A sleep that returns at once and remembers how long it was asked to wait. */
export function recordingSleep(): { sleep: (ms: number) => Promise<void>; waits: number[] } {
  const waits: number[] = [];
  return { sleep: async (ms: number) => void waits.push(ms), waits };
}
