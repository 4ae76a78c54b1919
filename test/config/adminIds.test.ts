import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";

function messageOf(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error("expected loadConfig to throw a ConfigError");
}

describe("ADMIN_IDS", () => {
  it("names nobody when unset or blank", () => {
    expect(loadConfig({}).admins).toBeUndefined();
    expect(loadConfig({ ADMIN_IDS: "  " }).admins).toBeUndefined();
  });

  it("reads platform:userId entries, trimmed, platform in lower case, each once", () => {
    const config = loadConfig({
      ADMIN_IDS: " discord:123456789012345678, Telegram : 456 ,console:local,telegram:456,telegram:-1001",
    });
    expect(config.admins).toEqual([
      "discord:123456789012345678",
      "telegram:456",
      "console:local",
      "telegram:-1001",
    ]);
  });

  it.each([
    ["slack:123", '"slack:123"'],
    ["discord123", '"discord123"'],
    ["discord:abc", '"discord:abc"'],
    ["telegram:", '"telegram:"'],
    ["discord:1:2", '"discord:1:2"'],
  ])("refuses %j, quoting it and naming the valid form", (value, quoted) => {
    const message = messageOf({ ADMIN_IDS: `discord:123,${value}` });
    expect(message).toContain(`ADMIN_IDS has ${quoted}, not platform:userId`);
    expect(message).toContain("platform is discord, telegram or console, e.g. discord:123456789012345678");
    expect(message).not.toContain('"discord:123"');
  });

  it("refuses a list of nothing but commas", () => {
    expect(messageOf({ ADMIN_IDS: ",," })).toContain(
      "ADMIN_IDS lists no one: use comma-separated platform:userId",
    );
  });
});
