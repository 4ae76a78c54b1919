import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { runCli } from "../../src/cli/run-cli.js";

async function cli(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

/** A chat command named as advice (`/interests`, `/follow`), not a path such as "ids/URLs". */
const CHAT_COMMAND = /(^|[\s(“"'`])\/[a-z]+/m;

// A data folder that cannot be opened, and no database: a command that reached its data would fail
// with exit code 1 (or throw), never touch real data, and never pass a test expecting 0 or 2.
beforeEach(() => {
  vi.stubEnv("DATA_DIR", "/dev/null/paperboy");
  vi.stubEnv("DATABASE_URL", "");
});

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("paperboy --help", () => {
  const commands: Array<[string[], string]> = [
    [["find"], "Usage: paperboy find"],
    [["paper"], "Usage: paperboy paper"],
    [["picks"], "Usage: paperboy picks"],
    [["chat"], "Usage: paperboy chat"],
    [["digest"], "Usage: paperboy digest"],
    [["ingest"], "Usage: paperboy ingest"],
    [["store"], "Usage: paperboy store import"],
    [["store", "import"], "Usage: paperboy store import"],
    [["help"], "Usage: paperboy <command>"],
  ];

  it.each(
    commands.flatMap(([command, usage]) => [
      [[...command, "--help"], usage],
      [[...command, "-h"], usage],
    ]),
  )("%j prints its usage on stdout and exits 0", async (argv, usage) => {
    const { code, out, err } = await cli(argv);
    expect(code).toBe(0);
    expect(out).toContain(usage);
    expect(err).toBe("");
  });

  it("answers --help after other options, and before the configuration is read", async () => {
    vi.stubEnv("LOG_LEVEL", "loud");
    const { code, out } = await cli(["ingest", "--source", "arxiv", "--help"]);
    expect(code).toBe(0);
    expect(out).toContain("Usage: paperboy ingest");
    expect((await cli(["ingest", "--source", "arxiv"])).code).toBe(2);
  });

  it("reads --help after -- as a value, not a request for help", async () => {
    const { code, err } = await cli(["paper", "--", "--help", "2410.12345"]);
    expect(code).toBe(2);
    expect(err).toContain("Give exactly one paper id.");
  });

  it("help <command> prints that command's usage; help with an unknown one exits 2", async () => {
    const picks = await cli(["help", "picks"]);
    expect(picks.code).toBe(0);
    expect(picks.out).toMatch(/^Usage: paperboy picks/);
    const unknown = await cli(["help", "fnid"]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("Unknown command “fnid”");
  });

  it("documents the exit codes in the overview", async () => {
    expect((await cli(["help"])).out).toMatch(/Exit codes: 0 done, 1 the command failed .*2 a usage/s);
  });
});

describe("paperboy usage errors", () => {
  it("exits 2 with the overview on stderr when no command is given, or an unknown one", async () => {
    const none = await cli([]);
    expect(none).toMatchObject({ code: 2, out: "" });
    expect(none.err).toContain("Usage: paperboy <command>");
    const unknown = await cli(["fnid", "graphs"]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("Unknown command “fnid”");
  });

  it.each([
    [["find", ""], "What should I look for?", "find"],
    [["find", "   "], "What should I look for?", "find"],
    [["find", "", "--limit", "3"], "What should I look for?", "find"],
    [["paper", ""], "Which paper? Give its id.", "paper"],
    [["paper", " \t "], "Which paper? Give its id.", "paper"],
    [["picks", "--interests", ""], "--interests needs at least one interest", "picks"],
    [["picks", "--interests", "  ;  "], "--interests needs at least one interest", "picks"],
    [["picks", "--interests", "rl", "--follow", " "], "--follow needs an author name", "picks"],
    [["picks", "--interests", "rl", "--mute", ";"], "--mute needs a word or phrase", "picks"],
    [["picks", "--interests", "rl", "--categories", ""], "--categories: ", "picks"],
    [["picks", "--library", " "], "--library needs a file name", "picks"],
    [["ingest", "--source", ""], "--source must be", "ingest"],
    [["ingest", "--date", " "], "is not a calendar day", "ingest"],
    [["ingest", "--categories", ""], "--categories needs 1 to", "ingest"],
    [["digest", "--dry-run", "--at", ""], "is not an ISO time", "digest"],
    [["store", "import", "--from", "  "], "--from names the data folder", "store import"],
  ])("%j exits 2 with the message and the usage on stderr", async (argv, message, command) => {
    const { code, out, err } = await cli(argv);
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err).toContain(message);
    expect(err).toContain(`Usage: paperboy ${command}`);
  });

  it("refuses arguments to chat instead of starting it", async () => {
    const { code, err } = await cli(["chat", "--interests", "rl"]);
    expect(code).toBe(2);
    expect(err).toContain("chat takes no arguments");
    expect(err).toContain("Usage: paperboy chat");
  });

  it("answers a mistake in ingest's, digest's or paper's arguments before opening any data", async () => {
    for (const argv of [["ingest", "--sorce", "arxiv"], ["digest", "--at", "2026-12-01"], ["paper"]]) {
      const { code, err } = await cli(argv);
      expect(code, argv.join(" ")).toBe(2);
      expect(err).toContain(`Usage: paperboy ${argv[0]}`);
    }
  });

  it("names CLI options, never chat commands, in the picks command's errors", async () => {
    const tooMany = Array.from({ length: 26 }, (_, i) => `topic ${i + 1}`).join("; ");
    const cases = [
      ["--interests", tooMany],
      ["--interests", "x".repeat(201)],
      ["--interests", "!!!"],
      ["--interests", "rl", "--follow", "Yann LeCun & Fei-Fei Li"],
      ["--interests", "rl", "--follow", "X"],
      ["--interests", "rl", "--mute", "the"],
      ["--interests", "rl", "--categories", "cs.XY"],
      ["--interests", "rl", "--categories", "all,cs.LG"],
      ["--interests", "rl", "--categories", ","],
    ];
    for (const args of cases) {
      const { code, err } = await cli(["picks", ...args]);
      expect(code, args.join(" ")).toBe(2);
      expect(err, args.join(" ")).not.toMatch(CHAT_COMMAND);
    }
    const { err } = await cli(["picks", "--interests", tooMany]);
    expect(err).toMatch(/^--interests takes at most 25 interests; 26 were given\./);
  });
});

describe("the paperboy process", () => {
  const entry = fileURLToPath(new URL("../../src/cli.ts", import.meta.url));
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ["--import", "tsx", entry, ...args], { encoding: "utf8", timeout: 30_000 });

  it("exits with the command's code: 0 for --help, 2 for an empty query", () => {
    const help = run("picks", "--help");
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: paperboy picks/);
    const empty = run("find", "");
    expect(empty.status).toBe(2);
    expect(empty.stderr).toContain("What should I look for?");
  });
});
