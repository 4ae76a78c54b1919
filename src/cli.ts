#!/usr/bin/env node
import { pino } from "pino";
import { loadConfig, ConfigError, configSecrets, type Config } from "./config.js";
import { createLogger } from "./logger.js";
import { loadCorpus, openApp, type App } from "./app/open-app.js";
import { createPaperSources } from "./sources/create.js";
import { runIngest } from "./cli/ingest.js";
import { runPaper } from "./cli/paper.js";
import { runFind } from "./cli/find.js";
import { runPicks } from "./cli/picks.js";
import { runChat } from "./cli/chat.js";
import { runDigest } from "./cli/digest.js";
import { createDigestComposer } from "./core/recommender/digest.js";

const USAGE = `Usage: paperboy <command> [options]

Commands:
  find "<query>" [--limit N] [--json] [--corpus FILE]   search the corpus
  paper <id> [--json]                                    show a stored paper
  picks --interests "a; b" [--limit N] [--json]          picks for ad-hoc interests
  chat                                                   the bot's commands in this terminal
  digest --dry-run [--at ISO-TIME]                       what the next digests would send, sending nothing
  ingest [--source hf|arxiv|rss|all] [--date YYYY-MM-DD] [--categories cs.LG,cs.CL]
                                                         fetch new papers
  help                                                   this text

Configuration comes from environment variables (see .env.example).`;

interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

type CommandRunner = (args: string[], config: Config, io: CliIo) => Promise<number>;

const COMMANDS: Record<string, CommandRunner> = {
  find: (args, config, io) =>
    runFind(args, {
      ...io,
      loadDefaultPapers: async () => (await loadCorpus(config, cliLogger(config))).all(),
    }),
  picks: (args, config, io) => withApp(config, io, (app) => runPicks(args, { index: app.index, ...io })),
  chat: (_args, config, io) =>
    withApp(config, io, async (app) => {
      await runChat({
        index: app.index,
        state: app.state,
        log: cliLogger(config),
        defaults: { time: config.digest.defaultTime, timezone: config.digest.defaultTimezone },
        input: process.stdin,
        output: process.stdout,
        reason: "asked",
      });
      return 0;
    }),
  digest: (args, config, io) =>
    withApp(config, io, (app) =>
      runDigest(args, {
        state: app.state,
        compose: createDigestComposer({ index: app.index, state: app.state, papers: () => app.corpus.all() }),
        graceHours: config.digest.graceHours,
        ...io,
      }),
    ),
  paper: async (args, config, io) =>
    runPaper(args, { corpus: await loadCorpus(config, cliLogger(config)), ...io }),
  ingest: (args, config, io) =>
    withApp(config, io, (app) =>
      runIngest(args, {
        corpus: app.corpus,
        save: app.saveCorpus,
        addToIndex: app.addToIndex,
        sources: createPaperSources({ ...config.sources, log: cliLogger(config) }),
        ...io,
        log: cliLogger(config),
        defaultCategories: config.sources.categories,
      }),
    ),
};

/** Runs one CLI command and resolves with the process exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    io.out(USAGE);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`Unknown command “${name}”.\n\n${USAGE}`);
    return 2;
  }
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(error.message);
      return 2;
    }
    throw error;
  }
  return command(args, config, io);
}

/** Logs go to standard error so that `--json` output on standard output stays machine-readable. */
function cliLogger(config: Config): pino.Logger {
  return createLogger({
    level: config.logLevel === "info" ? "warn" : config.logLevel,
    production: config.production,
    secrets: configSecrets(config),
    destination: pino.destination({ dest: 2, sync: true }),
  });
}

async function withApp<T>(config: Config, _io: CliIo, use: (app: App) => Promise<T>): Promise<T> {
  const app = await openApp(config, cliLogger(config));
  try {
    return await use(app);
  } finally {
    await app.close();
  }
}

const io: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

runCli(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    io.err(`paperboy: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
