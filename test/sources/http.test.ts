import { createServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import {
  DeadlineExceededError,
  HttpError,
  NetworkError,
  RateLimitedError,
  TimeoutError,
} from "../../src/sources/errors.js";
import { HttpClient, parseRetryAfter, type HttpClientOptions } from "../../src/sources/http.js";
import {
  rateLimited,
  recordingLogger,
  recordingSleep,
  startFakeSourceServer,
  type FakeRoute,
  type FakeSourceServer,
} from "./helpers/fake-source-server.js";

let server: FakeSourceServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function clientFor(route: FakeRoute, options: Partial<HttpClientOptions> = {}) {
  server = await startFakeSourceServer({ "/feed": route });
  const logger = recordingLogger();
  const sleeper = recordingSleep();
  const client = new HttpClient({
    log: logger.log,
    idleTimeoutMs: 2_000,
    retries: 2,
    minBackoffMs: 1,
    maxBackoffMs: 5,
    sleep: sleeper.sleep,
    ...options,
  });
  return {
    client,
    url: `${server.url}/feed`,
    lines: logger.lines,
    waits: sleeper.waits,
    requests: server.requests,
  };
}

describe("HttpClient", () => {
  it("returns the body of a 2xx answer", async () => {
    const { client, url } = await clientFor({ body: "é <feed/>" });
    await expect(client.getText(url)).resolves.toBe("é <feed/>");
  });

  it("gives up with a TimeoutError naming the URL when no answer comes in time", async () => {
    const { client, url, requests } = await clientFor(
      { delayMs: 5_000, body: "late" },
      { idleTimeoutMs: 50, retries: 0 },
    );

    const error = await client.getText(url).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({
      name: "TimeoutError",
      message: `GET ${url} timed out: nothing arrived for 50 ms`,
    });
    expect((error as Error).cause).toBeDefined();
    expect(requests).toHaveLength(1);
  });

  it("retries a timed-out request and returns the next answer", async () => {
    const { client, url, lines } = await clientFor([{ delayMs: 5_000 }, { body: "ok" }], {
      idleTimeoutMs: 100,
    });

    await expect(client.getText(url)).resolves.toBe("ok");
    expect(lines.filter((line) => line.level === "warn")).toHaveLength(1);
    expect(lines[0]?.message).toMatch(/nothing arrived for 100 ms; retrying \(attempt 2 of 3\)/);
  });

  it("fails a connection that is accepted but never answered after the idle timeout, each retry alike", async () => {
    const { client, url, requests } = await clientFor({ hang: true }, { idleTimeoutMs: 200, retries: 2 });
    const started = Date.now();

    await expect(client.getText(url)).rejects.toThrow(`GET ${url} timed out: nothing arrived for 200 ms`);
    const elapsed = Date.now() - started;
    expect(requests).toHaveLength(3);
    expect(elapsed).toBeGreaterThanOrEqual(3 * 200 - 20);
    expect(elapsed).toBeLessThan(3 * 200 + 1_000);
  });

  it("fails a body that stops arriving halfway, as it fails silence before the headers", async () => {
    const { client, url, requests } = await clientFor(
      { stallAfter: '[{"paper": {"id": "2410.1' },
      { idleTimeoutMs: 200, retries: 1 },
    );

    const error = await client.getText(url).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(requests).toHaveLength(2);
  });

  it("waits on a body that keeps arriving, however long it takes in all", async () => {
    const { client, url } = await clientFor(
      { drip: { chunk: "x", everyMs: 50, times: 12 } },
      { idleTimeoutMs: 200, retries: 0 },
    );

    // 600 ms in all, three times the idle timeout, but never 200 ms without a part.
    await expect(client.getText(url)).resolves.toBe("x".repeat(12));
  });

  it("retries a 500 and logs one clear line for the failure", async () => {
    const { client, url, lines, requests } = await clientFor([{ status: 500 }, { body: "recovered" }]);

    await expect(client.getText(url)).resolves.toBe("recovered");
    expect(requests).toHaveLength(2);
    expect(lines).toEqual([
      {
        level: "warn",
        message: expect.stringMatching(/^GET .*\/feed answered 500 Internal Server Error .*; retrying/),
      },
    ]);
  });

  it("waits as long as a 429's Retry-After asks before retrying", async () => {
    const { client, url, waits, lines } = await clientFor([
      { status: 429, headers: { "retry-after": "7" } },
      { body: "ok" },
    ]);

    await expect(client.getText(url)).resolves.toBe("ok");
    expect(waits).toEqual([7_000]);
    expect(lines[0]?.message).toMatch(
      /answered 429 Too Many Requests.*retrying after 7.0 s as the server asked/,
    );
  });

  it("gives up at once, without waiting, when Retry-After asks for longer than the run has left", async () => {
    const { client, url, waits, lines, requests } = await clientFor(rateLimited("3600"));
    const deadline = { at: Date.now() + 300_000, budgetMs: 300_000 };

    const error = await client.getText(url, { deadline }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as Error).message).toBe(
      "rate limited (Retry-After 3600 s, past this run's 5 min deadline)",
    );
    expect((error as Error).cause).toBeInstanceOf(HttpError);
    expect(requests).toHaveLength(1);
    expect(waits).toEqual([]);
    expect(lines).toEqual([]);
  });

  it("reads a Retry-After date against the deadline too", async () => {
    const { client, url, requests } = await clientFor(
      rateLimited(new Date(Date.now() + 2 * 3_600_000).toUTCString()),
    );
    const deadline = { at: Date.now() + 60_000, budgetMs: 60_000 };

    await expect(client.getText(url, { deadline })).rejects.toThrow(/^rate limited \(Retry-After 72\d\d s/);
    expect(requests).toHaveLength(1);
  });

  it("honours a Retry-After in full when it ends before the deadline", async () => {
    const { client, url, waits } = await clientFor([rateLimited("200"), { body: "ok" }], {
      maxRetryAfterMs: 30_000,
    });
    const deadline = { at: Date.now() + 300_000, budgetMs: 300_000 };

    await expect(client.getText(url, { deadline })).resolves.toBe("ok");
    expect(waits).toEqual([200_000]);
  });

  it("caps a Retry-After that asks for too long", async () => {
    const { client, url, waits } = await clientFor(
      [{ status: 503, headers: { "retry-after": "86400" } }, { body: "ok" }],
      { maxRetryAfterMs: 30_000 },
    );

    await expect(client.getText(url)).resolves.toBe("ok");
    expect(waits).toEqual([30_000]);
  });

  it("does not retry other client errors and keeps the body for the caller", async () => {
    const { client, url, requests } = await clientFor({ status: 404, body: "no such page" });

    const error = await client.getText(url).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ name: "HttpError", status: 404, body: "no such page" });
    expect((error as Error).message).toMatch(/answered 404 Not Found \(not found: check the API root URL\)/);
    expect(requests).toHaveLength(1);
  });

  it("stops after the bounded number of retries", async () => {
    const { client, url, requests, lines } = await clientFor({ status: 503 }, { retries: 3 });

    await expect(client.getText(url)).rejects.toMatchObject({ name: "HttpError", status: 503 });
    expect(requests).toHaveLength(4);
    expect(lines.map((line) => line.message)).toEqual([
      expect.stringMatching(/attempt 2 of 4/),
      expect.stringMatching(/attempt 3 of 4/),
      expect.stringMatching(/attempt 4 of 4/),
    ]);
  });

  it("spaces its requests by the configured interval", async () => {
    const { client, url, waits } = await clientFor({ body: "ok" }, { spacingMs: 60_000 });

    await client.getText(url);
    await client.getText(url);
    await client.getText(url);

    expect(waits).toHaveLength(2);
    for (const wait of waits) expect(wait).toBeGreaterThan(55_000);
  });

  it("reports a refused connection as a NetworkError with its cause", async () => {
    const port = await closedPort();
    const client = new HttpClient({ log: recordingLogger().log, retries: 0 });

    const error = await client.getText(`http://127.0.0.1:${port}/feed`).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ name: "NetworkError" });
    expect((error as Error).message).toMatch(/failed before an answer arrived: fetch failed: .*ECONNREFUSED/);
    expect((error as Error).cause).toBeInstanceOf(TypeError);
  });

  it("stops when the deadline's signal aborts, naming the request it cut", async () => {
    const { client, url, requests } = await clientFor(
      { drip: { chunk: "x", everyMs: 20 } },
      { idleTimeoutMs: 200 },
    );
    const controller = new AbortController();
    setTimeout(() => controller.abort(new DeadlineExceededError(300)), 300);

    const error = await client.getText(url, { signal: controller.signal }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DeadlineExceededError);
    expect((error as Error).message).toBe(`gave up at this run's 300 ms deadline, waiting on GET ${url}`);
    expect(requests).toHaveLength(1);
  });

  it("stops at once when the caller aborts", async () => {
    const { client, url, lines } = await clientFor({ delayMs: 5_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("shutting down")), 20);

    await expect(client.getText(url, { signal: controller.signal })).rejects.toThrow("shutting down");
    expect(lines).toEqual([]);
  });
});

describe("parseRetryAfter", () => {
  const now = Date.parse("2024-10-25T06:00:00Z");
  it.each([
    ["120", 120_000],
    ["0", 0],
    ["Fri, 25 Oct 2024 06:00:30 GMT", 30_000],
    ["Fri, 25 Oct 2024 05:00:00 GMT", 0],
    ["soon", undefined],
    ["", undefined],
    [null, undefined],
  ])("reads %j as %j ms", (header, ms) => {
    expect(parseRetryAfter(header, now)).toBe(ms);
  });
});

async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const address = probe.address();
  const port = typeof address === "object" && address ? address.port : 0;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
