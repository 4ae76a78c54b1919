import { Events, RESTEvents, type Client } from "discord.js";
import type { Telemetry } from "../../core/telemetry.js";
import type { Gateway } from "./client.js";

/**
 * Counts Discord's refusals from the one place every REST call of the client passes through (its
 * `response` event: digests, interaction replies, token checks): an answer of 400 or more counts as
 * an API error under its HTTP status ("429", "403", "500"…). The response body is left alone.
 *
 * @example reportDiscordApiErrors(discord.client, telemetry);
 */
export function reportDiscordApiErrors(client: Client, telemetry: Telemetry): void {
  client.rest.on(RESTEvents.Response, (_request, response) => {
    if (response.status >= 400) telemetry.platformError("discord", String(response.status));
  });
}

/**
 * Reports the gateway connection as telemetry's `discord` connection: `up` when a shard turns
 * ready (or resumes) and none is reconnecting, `down` while one is reconnecting or was disconnected
 * for good, or the login failed; `idle` while the gateway is stopped on purpose (shutting down, or
 * another instance sharing the store holds it), when the closing shards are not a lost connection.
 *
 * @example
 * const gatewayWatch = new GatewayWatch(telemetry);
 * const discord = createDiscordBot({ …, connectWhile: (gateway) =>
 *   runWhileHeld(store.jobs, job, gatewayWatch.around(gateway), log) });
 * gatewayWatch.listen(discord.client);
 */
export class GatewayWatch {
  readonly #telemetry: Telemetry;
  /** Until the gateway is started, and once it is stopped, what its shards do is not reported. */
  #running = false;
  readonly #shardsDown = new Set<number>();

  constructor(telemetry: Telemetry) {
    this.#telemetry = telemetry;
  }

  /** The same gateway, telling the watch when it is started and stopped on purpose. */
  around(gateway: Gateway): Gateway {
    return {
      start: async () => {
        this.#running = true;
        try {
          await gateway.start();
        } catch (error) {
          this.#report("down");
          throw error;
        }
      },
      stop: async () => {
        this.#running = false;
        this.#shardsDown.clear();
        this.#telemetry.connection("discord", "idle");
        await gateway.stop();
      },
    };
  }

  /** Follows the client's shard events. */
  listen(client: Client): void {
    const ready = (shard: number) => {
      this.#shardsDown.delete(shard);
      if (this.#shardsDown.size === 0) this.#report("up");
    };
    const lost = (shard: number) => {
      if (!this.#running) return;
      this.#shardsDown.add(shard);
      this.#report("down");
    };
    client.on(Events.ShardReady, (shard) => ready(shard));
    client.on(Events.ShardResume, (shard) => ready(shard));
    client.on(Events.ShardReconnecting, (shard) => lost(shard));
    client.on(Events.ShardDisconnect, (_event, shard) => lost(shard));
  }

  #report(state: "up" | "down"): void {
    if (this.#running) this.#telemetry.connection("discord", state);
  }
}
