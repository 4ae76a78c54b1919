import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { forbiddenCharacterIn, HOSTILE_STRINGS } from "../helpers/hostile-strings.js";
import { captureStream } from "./captureStream.js";

function logged(production: boolean, log: (logger: ReturnType<typeof createLogger>) => void): string {
  const output = captureStream();
  log(createLogger({ level: "info", production, secrets: [], destination: output }));
  return output.text();
}

describe.each(HOSTILE_STRINGS)("logs, with $name", ({ input, shows, absent }) => {
  it("JSON lines hold nothing hostile raw, and parse back to the exact text", () => {
    const text = logged(true, (log) => log.warn({ title: input, [input]: 1 }, `feed item ${input}`));
    expect(forbiddenCharacterIn(text)).toBeUndefined();
    expect(text).not.toMatch(/[\u200b-\u200d\u2060\ufeff]/);
    expect(JSON.parse(text)).toMatchObject({ msg: `feed item ${input}`, title: input, [input]: 1 });
  });

  it("readable lines hold nothing hostile, and show the visible text", () => {
    const text = logged(false, (log) =>
      log.warn({ title: input, nested: { list: [input] } }, `feed item ${input}`),
    );
    expect(forbiddenCharacterIn(text)).toBeUndefined();
    for (const gone of absent ?? []) expect(text).not.toContain(gone);
    expect(text).toContain(`feed item ${shows}`);
  });
});

describe("logs and secrets", () => {
  it("still redact a secret that sanitising brings together", () => {
    const secret = "tok-123456:ABCDEF";
    const split = "tok-123456:\u202EABC\u200EDEF";
    for (const production of [true, false]) {
      const output = captureStream();
      const log = createLogger({ level: "info", production, secrets: [secret], destination: output });
      log.info({ note: split }, `calling with ${split}`);
      expect(output.text()).not.toContain(secret);
    }
  });
});
