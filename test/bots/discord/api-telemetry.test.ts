import { Client, Events, Routes, type CloseEvent } from "discord.js";
import { afterEach, describe, expect, it } from "vitest";
import { GatewayWatch, reportDiscordApiErrors } from "../../../src/bots/discord/api-telemetry.js";
import type { Gateway } from "../../../src/bots/discord/client.js";
import { RecordingTelemetry } from "../../metrics/helpers.js";
import { CHANNEL_ID, discordError, FakeDiscord } from "./fake-discord.js";

/** The close of a shard that will not reconnect (a rejected token). */
const AUTHENTICATION_FAILED: CloseEvent = { code: 4004, reason: "Authentication failed.", wasClean: true };

const clients: Client[] = [];
const fakes: FakeDiscord[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.destroy()));
  await Promise.all(fakes.splice(0).map((fake) => fake.close()));
});

function client(apiRoot = "http://127.0.0.1:1/api"): Client {
  const made = new Client({ intents: [], rest: { api: apiRoot, retries: 0 } });
  made.rest.setToken("TOKEN");
  clients.push(made);
  return made;
}

describe("reportDiscordApiErrors", () => {
  it("counts each refused REST call under its HTTP status, and no successful one", async () => {
    const fake = await FakeDiscord.start();
    fakes.push(fake);
    const discord = client(fake.apiRoot);
    const telemetry = new RecordingTelemetry();
    reportDiscordApiErrors(discord, telemetry);
    fake.respond("POST", /\/messages$/, discordError(403, 50013, "Missing Permissions"));

    const post = () => discord.rest.post(Routes.channelMessages(CHANNEL_ID), { body: { content: "hi" } });
    await expect(post()).rejects.toThrow("Missing Permissions");
    await post();
    await expect(discord.rest.get(Routes.gatewayBot())).rejects.toThrow("Unauthorized");

    expect(telemetry.errors).toEqual([
      { platform: "discord", code: "403" },
      { platform: "discord", code: "401" },
    ]);
  });
});

describe("GatewayWatch", () => {
  function watched() {
    const telemetry = new RecordingTelemetry();
    const discord = client();
    const watch = new GatewayWatch(telemetry);
    watch.listen(discord);
    let failStart = false;
    const gateway: Gateway = {
      start: async () => {
        if (failStart) throw new Error("getaddrinfo EAI_AGAIN gateway.discord.gg");
      },
      stop: async () => {
        // A deliberate stop closes the shards, as client.destroy() does.
        discord.emit(Events.ShardReconnecting, 0);
      },
    };
    const states = () => telemetry.connections.map((each) => each.state);
    return { discord, wrapped: watch.around(gateway), states, failStart: () => (failStart = true) };
  }

  it("is up once a shard is ready, down while it reconnects, up again once it resumes", async () => {
    const { discord, wrapped, states } = watched();
    discord.emit(Events.ShardReady, 0, undefined);
    expect(states()).toEqual([]); // not started: not this instance's connection yet

    await wrapped.start();
    discord.emit(Events.ShardReady, 0, undefined);
    discord.emit(Events.ShardReconnecting, 0);
    discord.emit(Events.ShardResume, 0, 3);
    expect(states()).toEqual(["up", "down", "up"]);
  });

  it("stays down while one of two shards is down", async () => {
    const { discord, wrapped, states } = watched();
    await wrapped.start();
    discord.emit(Events.ShardReady, 0, undefined);
    discord.emit(Events.ShardReady, 1, undefined);
    discord.emit(Events.ShardDisconnect, AUTHENTICATION_FAILED, 1);
    discord.emit(Events.ShardReconnecting, 0);
    discord.emit(Events.ShardResume, 0, 0);
    expect(states()).toEqual(["up", "up", "down", "down"]);
  });

  it("reports a deliberate stop as idle, not as a lost connection, and a failed login as down", async () => {
    const { discord, wrapped, states, failStart } = watched();
    await wrapped.start();
    discord.emit(Events.ShardReady, 0, undefined);
    await wrapped.stop();
    expect(states()).toEqual(["up", "idle"]);

    failStart();
    await expect(wrapped.start()).rejects.toThrow("EAI_AGAIN");
    expect(states()).toEqual(["up", "idle", "down"]);
  });
});
