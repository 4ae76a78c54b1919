import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Api } from "grammy";
import { afterEach, describe, expect, it } from "vitest";
import { reportTelegramApi } from "../../../src/bots/telegram/api-telemetry.js";
import { RecordingTelemetry } from "../../metrics/helpers.js";

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A Bot API on 127.0.0.1 that answers each method as `answers` says. */
async function botApi(answers: Record<string, { status: number; body: object }>): Promise<string> {
  const server = createServer((request, response) => {
    const method = request.url?.split("/").pop() ?? "";
    const answer = answers[method] ?? {
      status: 404,
      body: { ok: false, error_code: 404, description: "Not Found" },
    };
    response.writeHead(answer.status, { "content-type": "application/json" });
    response.end(JSON.stringify(answer.body));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function api(apiRoot: string, telemetry: RecordingTelemetry): Api {
  const api = new Api("123:TOKEN", { apiRoot });
  api.config.use(reportTelegramApi(telemetry));
  return api;
}

describe("reportTelegramApi", () => {
  it("counts refused calls by Telegram's error code; the connection is up while Telegram answers", async () => {
    const root = await botApi({
      getMe: {
        status: 200,
        body: { ok: true, result: { id: 1, is_bot: true, first_name: "p", username: "p_bot" } },
      },
      sendMessage: {
        status: 403,
        body: { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" },
      },
      getChat: {
        status: 429,
        body: {
          ok: false,
          error_code: 429,
          description: "Too Many Requests: retry after 3",
          parameters: { retry_after: 3 },
        },
      },
    });
    const telemetry = new RecordingTelemetry();
    const calls = api(root, telemetry);

    await calls.getMe();
    await expect(calls.sendMessage(42, "hello")).rejects.toThrow("blocked");
    await expect(calls.getChat(42)).rejects.toThrow("Too Many Requests");

    expect(telemetry.errors).toEqual([
      { platform: "telegram", code: "403" },
      { platform: "telegram", code: "429" },
    ]);
    expect(new Set(telemetry.connections.map((each) => each.state))).toEqual(new Set(["up"]));
  });

  it("reports the connection down on a 5xx or no answer, and up again once Telegram answers", async () => {
    const root = await botApi({
      getUpdates: { status: 502, body: { ok: false, error_code: 502, description: "Bad Gateway" } },
      getMe: {
        status: 200,
        body: { ok: true, result: { id: 1, is_bot: true, first_name: "p", username: "p_bot" } },
      },
    });
    const telemetry = new RecordingTelemetry();
    await expect(api(root, telemetry).getUpdates()).rejects.toThrow("Bad Gateway");
    await expect(api("http://127.0.0.1:1", telemetry).getMe()).rejects.toThrow("Network request");
    await api(root, telemetry).getMe();

    expect(telemetry.errors).toEqual([
      { platform: "telegram", code: "502" },
      { platform: "telegram", code: "network" },
    ]);
    expect(telemetry.connections.map((each) => each.state)).toEqual(["down", "down", "up"]);
  });

  it("does not count a call aborted on purpose", async () => {
    const telemetry = new RecordingTelemetry();
    const aborted = AbortSignal.abort();
    const calls = api("http://127.0.0.1:1", telemetry);
    await expect(calls.getMe(aborted as Parameters<Api["getMe"]>[0])).rejects.toThrow();
    expect(telemetry.errors).toEqual([]);
    expect(telemetry.connections).toEqual([]);
  });
});
