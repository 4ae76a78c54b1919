import { REST } from "discord.js";
import type { APIApplicationCommandOption } from "discord.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { discordRestOptions } from "../../../src/bots/discord/client.js";
import { commandDefinitions } from "../../../src/bots/discord/commands/index.js";
import { deployCommands } from "../../../src/bots/discord/deploy.js";
import { APP_ID, FakeDiscord, GUILD_ID, discordError } from "./fake-discord.js";

let fake: FakeDiscord;
let rest: REST;

beforeEach(async () => {
  fake = await FakeDiscord.start();
  rest = new REST(discordRestOptions(fake.apiRoot)).setToken("x");
});
afterEach(async () => {
  rest.clearHashSweeper();
  rest.clearHandlerSweeper();
  await fake.close();
});

const EXPECTED = [
  "find",
  "interests",
  "follow",
  "unfollow",
  "mute",
  "unmute",
  "categories",
  "import",
  "picks",
  "subscribe",
  "unsubscribe",
  "settings",
  "status",
  "similar",
  "paper",
  "save",
  "unsave",
  "saved",
  "export",
  "help",
  "channel",
];

describe("deployCommands", () => {
  it("registers every command in one guild with a single PUT", async () => {
    const result = await deployCommands(rest, APP_ID, GUILD_ID);
    const puts = fake.find("PUT", /commands$/);
    expect(puts.map((put) => put.path)).toEqual([`/applications/${APP_ID}/guilds/${GUILD_ID}/commands`]);
    expect(puts[0]?.body.map((command: { name: string }) => command.name)).toEqual(EXPECTED);
    expect(result.scope).toEqual({ guildId: GUILD_ID });
    expect(result.commands.map((command) => command.name)).toEqual(EXPECTED);
  });

  it("registers globally without a guild", async () => {
    const result = await deployCommands(rest, APP_ID);
    expect(fake.find("PUT", /commands$/).map((put) => put.path)).toEqual([
      `/applications/${APP_ID}/commands`,
    ]);
    expect(result.scope).toBe("global");
  });

  it("sends the full definitions, including autocomplete on interest removal and time zones", async () => {
    await deployCommands(rest, APP_ID, GUILD_ID);
    const [put] = fake.find("PUT", /commands$/);
    const interests = put?.body.find((command: { name: string }) => command.name === "interests");
    const remove = interests.options.find((option: { name: string }) => option.name === "remove");
    expect(remove.options[0]).toMatchObject({ name: "phrase", autocomplete: true, required: true });
    const subscribe = put?.body.find((command: { name: string }) => command.name === "subscribe");
    expect(subscribe.options.map((option: { name: string }) => option.name)).toEqual([
      "time",
      "timezone",
      "count",
      "days",
      "note",
    ]);
  });

  it("fails with Discord's refusal when the token is rejected", async () => {
    fake.respond("PUT", /commands$/, discordError(401, 0, "401: Unauthorized"));
    await expect(deployCommands(rest, APP_ID)).rejects.toMatchObject({ status: 401 });
  });
});

describe("command definitions", () => {
  type Named = { name: string; description: string; options?: APIApplicationCommandOption[] };

  function everyNamed(items: Named[]): Named[] {
    return items.flatMap((item) => [item, ...everyNamed((item.options ?? []) as Named[])]);
  }

  it("respect Discord's naming limits everywhere", () => {
    for (const item of everyNamed(commandDefinitions() as Named[])) {
      expect(item.name).toMatch(/^[-_\p{Ll}\p{N}]{1,32}$/u);
      expect(item.description.length).toBeGreaterThan(0);
      expect(item.description.length).toBeLessThanOrEqual(100);
      expect(item.options?.length ?? 0).toBeLessThanOrEqual(25);
    }
  });

  it("offer /import with an optional file and optional ids, and /channel import alike", () => {
    const definitions = commandDefinitions() as Named[];
    const optionsOf = (item: Named | undefined) =>
      (item?.options ?? []).map((option) => ({
        name: option.name,
        type: option.type,
        required: "required" in option ? option.required : undefined,
      }));
    const expected = [
      { name: "file", type: 11, required: false },
      { name: "ids", type: 3, required: false },
    ];
    const personal = definitions.find((command) => command.name === "import");
    expect(optionsOf(personal)).toEqual(expected);
    const channel = definitions.find((command) => command.name === "channel");
    const subcommand = (channel?.options as Named[] | undefined)?.find((option) => option.name === "import");
    expect(optionsOf(subcommand)).toEqual(expected);
  });

  it("have unique names", () => {
    const names = commandDefinitions().map((command) => command.name);
    expect(new Set(names).size).toBe(names.length);
  });
});
