import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  CHANNEL_ID,
  MANAGE_CHANNELS,
  USER_ID,
  autocomplete,
  startHarness,
  type Harness,
} from "./fake-discord.js";

let h: Harness;

beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const focused = (name: string, value: string) => [{ name, value, type: 3, focused: true }];

async function choices(): Promise<{ name: string; value: string }[]> {
  const [answer] = h.fake.find("POST", /\/callback$/);
  expect(answer?.body.type).toBe(8);
  return answer?.body.data.choices;
}

describe("autocomplete", () => {
  it("suggests the user's own interests containing what was typed", async () => {
    h.service.interests.set(`user:${USER_ID}`, [
      "graph neural networks",
      "few-shot learning",
      "Graph rewiring",
    ]);
    await h.inject(autocomplete("interests", ["remove"], focused("phrase", "graph")));
    expect(await choices()).toEqual([
      { name: "1. graph neural networks", value: "graph neural networks" },
      { name: "3. Graph rewiring", value: "Graph rewiring" },
    ]);
  });

  it("offers a long interest by its number, since choice values stop at 100 characters", async () => {
    const long = "x".repeat(150);
    h.service.interests.set(`user:${USER_ID}`, ["rl", long]);
    await h.inject(autocomplete("interests", ["remove"], focused("phrase", "")));
    const [, second] = await choices();
    expect(second?.value).toBe("2");
    expect(second?.name.length).toBeLessThanOrEqual(100);
  });

  it("caps suggestions at 25", async () => {
    h.service.interests.set(
      `user:${USER_ID}`,
      Array.from({ length: 40 }, (_, i) => `topic ${i}`),
    );
    await h.inject(autocomplete("interests", ["remove"], focused("phrase", "topic")));
    expect(await choices()).toHaveLength(25);
  });

  it("suggests IANA time zones, cities first", async () => {
    await h.inject(autocomplete("subscribe", [], focused("timezone", "paris")));
    expect((await choices())[0]).toEqual({ name: "Europe/Paris", value: "Europe/Paris" });
  });

  it("never offers more than 25 time zones", async () => {
    await h.inject(autocomplete("subscribe", [], focused("timezone", "")));
    const zones = await choices();
    expect(zones).toHaveLength(25);
    expect(
      zones.every((zone) => Intl.supportedValuesOf("timeZone").includes(zone.value) || zone.value === "UTC"),
    ).toBe(true);
  });

  it("suggests the channel's interests to a member who may manage it, nothing to others", async () => {
    h.service.interests.set(`channel:${CHANNEL_ID}`, ["protein folding"]);
    await h.inject(
      autocomplete("channel", ["interests", "remove"], focused("phrase", "prot"), {
        permissions: MANAGE_CHANNELS,
      }),
    );
    await h.inject(autocomplete("channel", ["interests", "remove"], focused("phrase", "prot")));
    const [allowed, refused] = h.fake.find("POST", /\/callback$/);
    expect(allowed?.body.data.choices).toEqual([{ name: "1. protein folding", value: "protein folding" }]);
    expect(refused?.body.data.choices).toEqual([]);
  });

  it("suggests followed authors for /unfollow and muted phrases for /channel unmute", async () => {
    h.service.entries.set(`follows:user:${USER_ID}`, ["Yann LeCun", "Fei-Fei Li"]);
    await h.inject(autocomplete("unfollow", [], focused("name", "lecun")));
    expect(await choices()).toEqual([{ name: "Yann LeCun", value: "Yann LeCun" }]);
    h.service.entries.set(`mutes:channel:${CHANNEL_ID}`, ["crypto", "quantum computing"]);
    await h.inject(
      autocomplete("channel", ["unmute"], focused("phrase", "QUANT"), { permissions: MANAGE_CHANNELS }),
    );
    const [, channelAnswer] = h.fake.find("POST", /\/callback$/);
    expect(channelAnswer?.body.data.choices).toEqual([
      { name: "quantum computing", value: "quantum computing" },
    ]);
  });

  it("answers with no suggestions and logs once when the command layer fails", async () => {
    await h.inject(autocomplete("interests", ["remove"], focused("phrase", "g")));
    expect(await choices()).toEqual([]);
    expect(h.log.lines.filter((line) => line.level === "error")).toHaveLength(1);
  });
});
