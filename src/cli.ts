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
import { runStoreImport } from "./cli/store-import.js";
import { openFileStore } from "./storage/files/open-file-store.js";
import { openStore } from "./storage/open-store.js";
import { createDigestComposer } from "./core/recommender/digest.js";

const USAGE = `Usage: paperboy <command> [options]

Commands:
  find "<query>" [--limit N] [--json] [--corpus FILE]   search the corpus
  paper <id> [--json]                                    show a stored paper
  picks --interests "a; b" | --library FILE [--follow "A; B"] [--mute "x; y"]
        [--categories cs.LG,cs.CL] [--corpus FILE] [--limit N] [--json]
                                                         picks for ad-hoc interests or a library
  chat                                                   the bot's commands in this terminal
  digest --dry-run [--at ISO-TIME]                       what the next digests would send, sending nothing
  ingest [--source hf|arxiv|rss|all] [--date YYYY-MM-DD] [--categories cs.LG,cs.CL]
                                                         fetch new papers
  store import --from DATA_DIR [--replace]              copy a data folder into DATABASE_URL
  help                                                   this text

Configuration comes from environment variables (see .env.example).`;

interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

/** What every command gets: its arguments, the validated configuration, output, and a logger. */
interface CommandEnv {
  config: Config;
  io: CliIo;
  log: pino.Logger;
}

type CommandRunner = (args: string[], env: CommandEnv) => Promise<number>;

const COMMANDS: Record<string, CommandRunner> = {
  store: (args, { config, io, log }) =>
    runStoreImport(args, {
      openSource: (dir) => openFileStore(dir, { log, readOnly: true }),
      openTarget: () => (config.databaseUrl ? openStore(config, { log }) : undefined),
      ...io,
    }),
  find: (args, { config, io, log }) =>
    runFind(args, { ...io, loadDefaultPapers: async () => (await loadCorpus(config, log)).all() }),
  picks: (args, env) =>
    runPicks(args, {
      ...env.io,
      withDefaultIndex: (use) => withApp(env, (app) => use(app.index), { readOnly: true }),
    }),
  chat: (_args, env) =>
    withApp(env, async (app) => {
      const { config } = env;
      const sources = createPaperSources({ ...config.sources, log: env.log });
      await runChat({
        index: app.index,
        store: app.store,
        log: env.log,
        defaults: { time: config.digest.defaultTime, timezone: config.digest.defaultTimezone },
        lookup: (ids) => sources.arxiv.byIds(ids),
        input: process.stdin,
        output: process.stdout,
        reason: "asked",
      });
      return 0;
    }),
  digest: (args, env) =>
    withApp(
      env,
      (app) =>
        runDigest(args, {
          store: app.store,
          compose: createDigestComposer({ index: app.index, papers: () => app.corpus.all() }),
          graceHours: env.config.digest.graceHours,
          ...env.io,
        }),
      { readOnly: true },
    ),
  paper: async (args, { config, io, log }) =>
    runPaper(args, { corpus: await loadCorpus(config, log), ...io }),
  ingest: (args, env) =>
    withApp(env, (app) =>
      runIngest(args, {
        corpus: app.corpus,
        save: app.savePapers,
        sources: createPaperSources({ ...env.config.sources, log: env.log }),
        ...env.io,
        log: env.log,
        defaultCategories: env.config.sources.categories,
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
  return command(args, { config, io, log: cliLogger(config) });
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

async function withApp<T>(
  env: CommandEnv,
  use: (app: App) => Promise<T>,
  options: { readOnly?: boolean } = {},
): Promise<T> {
  const app = await openApp(env.config, env.log, options);
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
