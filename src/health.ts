import { access, stat } from "node:fs/promises";
import { constants } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { errorMessage } from "./core/error-message.js";

export interface HealthStatus {
  ok: boolean;
  detail: string;
}

/** May answer at once or after asking something (the store): a probe waits for it. */
export type HealthCheck = () => HealthStatus | Promise<HealthStatus>;

/** What `GET /metrics` serves: a prom-client Registry is one. */
export interface MetricsSource {
  /** The exposition format's content type, e.g. `text/plain; version=0.0.4; charset=utf-8`. */
  readonly contentType: string;
  metrics(): Promise<string>;
}

export interface HealthServerOptions {
  /** Default `0.0.0.0`: all interfaces, so that container probes and orchestrators reach it. */
  host?: string;
  /** Serves `GET /metrics` too when given. */
  metrics?: MetricsSource;
}

export interface HealthServer {
  /** Resolves with the port listened on (useful with port 0); rejects with a readable error. */
  readonly ready: Promise<number>;
  close(): Promise<void>;
}

const HEALTH_PATH = "/healthz";
const METRICS_PATH = "/metrics";

function respond(response: ServerResponse, status: number, body: string): void {
  response.writeHead(status, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" });
  response.end(`${body}\n`);
}

async function safeCheck(check: HealthCheck): Promise<HealthStatus> {
  try {
    return await check();
  } catch (error) {
    return {
      ok: false,
      detail: `health check failed: ${errorMessage(error)}`,
    };
  }
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  check: HealthCheck,
  metrics: MetricsSource | undefined,
): Promise<void> {
  const path = new URL(request.url ?? "/", "http://localhost").pathname;
  const served = metrics ? [HEALTH_PATH, METRICS_PATH] : [HEALTH_PATH];
  if (!served.includes(path)) {
    return respond(response, 404, `not found: use ${served.map((each) => `GET ${each}`).join(" or ")}`);
  }
  if (request.method !== "GET" && request.method !== "HEAD") {
    response.setHeader("allow", "GET, HEAD");
    return respond(response, 405, `method not allowed: use GET ${path}`);
  }
  if (path === METRICS_PATH && metrics) return serveMetrics(response, metrics);
  const status = await safeCheck(check);
  respond(response, status.ok ? 200 : 503, status.ok ? "ok" : status.detail);
}

async function serveMetrics(response: ServerResponse, metrics: MetricsSource): Promise<void> {
  let body: string;
  try {
    body = await metrics.metrics();
  } catch (error) {
    return respond(response, 500, `metrics failed: ${errorMessage(error)}`);
  }
  response.writeHead(200, { "content-type": metrics.contentType, "cache-control": "no-store" });
  response.end(body);
}

function listenError(error: NodeJS.ErrnoException, port: number): Error {
  const reason =
    error.code === "EADDRINUSE"
      ? `port ${port} is already in use: set HEALTH_PORT to a free port, or leave it unset to turn the endpoint off`
      : `cannot listen on port ${port} (${error.message}): set HEALTH_PORT to a port from 1024 to 65535`;
  return new Error(`Health endpoint: ${reason}`, { cause: error });
}

/**
 * Serves `GET /healthz`: 200 `ok` while `check()` says so, 503 with its detail otherwise; and,
 * with `options.metrics`, `GET /metrics` in the Prometheus text format. `options` may be just the
 * host. Listens on all interfaces by default so container probes and orchestrators can reach it.
 *
 * @example const health = startHealthServer(8081, () => ({ ok: true, detail: "running" }));
 * @example startHealthServer(8081, check, { metrics: telemetry.registry });
 */
export function startHealthServer(
  port: number,
  check: HealthCheck,
  options: string | HealthServerOptions = {},
): HealthServer {
  const { host = "0.0.0.0", metrics } = typeof options === "string" ? { host: options } : options;
  const server = createServer((request, response) => {
    // Nothing in handle throws but the socket itself; a broken one is simply closed.
    handle(request, response, check, metrics).catch(() => response.destroy());
  });
  const ready = new Promise<number>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => reject(listenError(error, port)));
    server.listen(port, host, () => {
      const address = server.address();
      resolve(typeof address === "object" && address !== null ? address.port : port);
    });
  });
  return {
    ready,
    close: () =>
      new Promise<void>((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Asks a running health endpoint; ok only for a 200 within the timeout. */
export async function probeHealth(port: number, timeoutMs = 3000, host = "127.0.0.1"): Promise<HealthStatus> {
  const url = `http://${host}:${port}${HEALTH_PATH}`;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    const body = (await response.text()).trim();
    return { ok: response.status === 200, detail: `${url} answered ${response.status}: ${body}` };
  } catch (error) {
    const reason =
      error instanceof Error && error.name === "TimeoutError"
        ? `no answer within ${timeoutMs} ms`
        : "unreachable";
    return { ok: false, detail: `${url} ${reason}` };
  }
}

/** Checks that the data directory exists and can be read. */
export async function checkDataDir(dataDir: string): Promise<HealthStatus> {
  try {
    await access(dataDir, constants.R_OK);
    if (!(await stat(dataDir)).isDirectory()) return { ok: false, detail: `${dataDir} is not a directory` };
    return { ok: true, detail: `${dataDir} is readable` };
  } catch {
    return { ok: false, detail: `${dataDir} is missing or not readable` };
  }
}

/** The container health check: the endpoint when a health port is configured, else the data directory. */
export function runHealthcheck(config: { healthPort?: number; dataDir: string }): Promise<HealthStatus> {
  return config.healthPort === undefined ? checkDataDir(config.dataDir) : probeHealth(config.healthPort);
}
