import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { APOLOGY } from "../../../src/bots/discord/interactions.js";
import {
  chatCommand,
  discordError,
  buttonPress,
  options,
  startHarness,
  type Harness,
} from "./fake-discord.js";

const EPHEMERAL = 64;
let h: Harness;
const rejections: unknown[] = [];
const onRejection = (reason: unknown) => void rejections.push(reason);

beforeEach(async () => {
  h = await startHarness();
  rejections.length = 0;
  process.on("unhandledRejection", onRejection);
});
afterEach(async () => {
  process.off("unhandledRejection", onRejection);
  await h.close();
});

describe("the error boundary", () => {
  it("turns a failing command into a polite private follow-up and one log line", async () => {
    h.service.on("find", () => {
      throw new Error("index not loaded");
    });
    await h.inject(chatCommand("find", [], options({ query: "anything" })));

    const [followUp] = h.fake.find("POST", /^\/webhooks\//);
    expect(followUp?.body.content).toBe(APOLOGY);
    expect(followUp?.body.flags).toBe(EPHEMERAL);
    const errors = h.log.lines.filter((line) => line.level === "error");
    expect(errors).toHaveLength(1);
    expect(JSON.stringify(errors[0])).toContain("index not loaded");
    expect(JSON.stringify(h.log.lines)).not.toContain("interaction-token");
    expect(rejections).toEqual([]);
  });

  it("replies (not follows up) when the failure comes before the interaction was acknowledged", async () => {
    h.fake.respond("POST", /\/callback$/, discordError(400, 50035, "Invalid Form Body"));
    await h.inject(chatCommand("help", []));
    const [, apology] = h.fake.find("POST", /\/callback$/);
    expect(apology?.body).toMatchObject({ type: 4, data: { content: APOLOGY, flags: EPHEMERAL } });
  });

  it("lets an expired interaction (10062) go with a warning and no further calls", async () => {
    h.fake.respond("POST", /\/callback$/, discordError(404, 10062, "Unknown interaction"));
    await h.inject(chatCommand("help", []));

    expect(h.fake.requests).toHaveLength(1);
    expect(h.service.runs).toEqual([]);
    expect(h.log.lines.map((line) => line.level)).toEqual(["warn"]);
    expect(rejections).toEqual([]);
  });

  it("lets an already acknowledged interaction (40060) go quietly", async () => {
    h.fake.respond(
      "POST",
      /\/callback$/,
      discordError(400, 40060, "Interaction has already been acknowledged."),
    );
    await h.inject(buttonPress("like:2410.10001"));
    expect(h.fake.requests).toHaveLength(1);
    expect(h.log.lines.map((line) => line.level)).toEqual(["warn"]);
  });

  it("survives even the apology failing, without an unhandled rejection", async () => {
    h.service.on("picks", () => {
      throw new Error("boom");
    });
    h.fake.respond("POST", /^\/webhooks\//, discordError(404, 10015, "Unknown Webhook"));
    await h.inject(chatCommand("picks", []));
    expect(h.log.lines.filter((line) => line.level === "error")).toHaveLength(1);
    expect(rejections).toEqual([]);
  });
});
