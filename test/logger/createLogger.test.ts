import { describe, expect, it } from "vitest";
import type { Logger } from "../../src/core/log.js";
import { createLogger, redactSecrets } from "../../src/logger.js";
import { captureStream } from "./captureStream.js";

describe("createLogger", () => {
  it("writes one JSON object per line in production, honouring the level", () => {
    const output = captureStream();
    const log = createLogger({ level: "info", production: true, secrets: [], destination: output });
    log.debug("hidden detail");
    const port: Logger = log;
    port.info({ papers: 12 }, "ingest finished");
    log.child({ adapter: "telegram" }).warn("slow answer");
    const lines = output
      .text()
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toMatchObject([
      { level: 30, msg: "ingest finished", papers: 12 },
      { level: 40, msg: "slow answer", adapter: "telegram" },
    ]);
  });

  it("writes readable text otherwise", () => {
    const output = captureStream();
    const log = createLogger({ level: "debug", production: false, secrets: [], destination: output });
    log.debug({ papers: 3 }, "ingest finished");
    const text = output.text();
    expect(text).toMatch(/DEBUG.*: ingest finished/);
    expect(text).toContain("papers: 3");
    expect(() => JSON.parse(text)).toThrow();
  });

  it("redacts secret-looking keys even when their values are not known secrets", () => {
    const output = captureStream();
    const log = createLogger({ level: "info", production: true, secrets: [], destination: output });
    log.info({ token: "interaction-abc", request: { headers: { authorization: "Bearer xyz" } } }, "call");
    log.info({ user: { password: "hunter22" }, webhook: { secret: "s3cr3t-value" } }, "call");
    const text = output.text();
    for (const value of ["interaction-abc", "Bearer xyz", "hunter22", "s3cr3t-value"])
      expect(text).not.toContain(value);
    expect(text).toContain("[Redacted]");
  });
});

describe("redactSecrets", () => {
  it("replaces each secret wherever it appears, raw or URL-encoded", () => {
    const secrets = ["42:abc-DEF", "xyz.uvw.rst"];
    const text = "GET https://api.telegram.org/bot42:abc-DEF/getMe and bot42%3Aabc-DEF, Bot xyz.uvw.rst";
    expect(redactSecrets(text, secrets)).toBe(
      "GET https://api.telegram.org/bot[Redacted]/getMe and bot[Redacted], Bot [Redacted]",
    );
  });

  it("leaves text alone when there is nothing to hide", () => {
    expect(redactSecrets("nothing (to) hide.*", [])).toBe("nothing (to) hide.*");
    expect(redactSecrets("nothing (to) hide.*", [""])).toBe("nothing (to) hide.*");
  });

  it("treats secrets as text, not as patterns", () => {
    expect(redactSecrets("a.b a-b", ["a.b"])).toBe("[Redacted] a-b");
  });
});
