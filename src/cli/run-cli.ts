import { Corpus } from "../core/corpus/corpus.js";
import { pino } from "pino";
import { loadConfig, ConfigError, configSecrets, type Config } from "../config.js";
import { createLogger } from "../logger.js";
import { openApp, type App, withStoredPapers } from "../app/open-app.js";
import { createPaperSources } from "../sources/create.js";
import { ArxivCalendar } from "../core/corpus/arxiv-calendar.js";
import { createDigestComposer } from "../core/recommender/digest.js";
import { openFileStore } from "../storage/files/open-file-store.js";
import { openStore } from "../storage/open-store.js";
import { CHAT_USAGE, chatArgsProblem, runChat } from "./chat.js";
import { DIGEST_USAGE, digestArgsProblem, runDigest } from "./digest.js";
import { EXPORT_USAGE, exportArgsProblem, runExport } from "./export.js";
import { FIND_USAGE, runFind } from "./find.js";
import { asksForHelp } from "./help.js";
import { INGEST_USAGE, ingestArgsProblem, runIngest } from "./ingest.js";
import { PAPER_USAGE, paperArgsProblem, runPaper } from "./paper.js";
import { PICKS_USAGE, runPicks } from "./picks.js";
import { STORE_IMPORT_USAGE, runStoreImport } from "./store-import.js";
import { commandServiceDeps } from "../app/command-deps.js";
import { CANDIDATE_MS } from "../core/recommender/picks.js";

export const USAGE = `Usage: paperboy <command> [options]

Commands:
  find "<query>" [--limit N] [--json] [--corpus FILE]   search the corpus
  paper <id> [--json]                                    show a stored paper
  picks --interests "a; b" | --library FILE [--follow "A; B"] [--mute "x; y"]
        [--categories cs.LG,cs.CL] [--corpus FILE] [--limit N] [--json]
                                                         picks for ad-hoc interests or a library
  chat                                                   the bot's commands in this terminal
  digest --dry-run [--at ISO-TIME]                       what the next digests would send, sending nothing
  export --target KEY [--format bibtex|ris|csl] [--out FILE]
                                                         a reading list as a file (e.g. --target discord:channel:123)
  ingest [--source hf|arxiv|rss|all] [--date YYYY-MM-DD] [--categories cs.LG,cs.CL]
                                                         fetch new papers
  store import --from DATA_DIR [--replace]              copy a data folder into DATABASE_URL
  help [command]                                         this text, or a command's usage

paperboy <command> --help (or -h) shows that command's usage.
Exit codes: 0 done, 1 the command failed (an unreadable file, an unknown paper, a source or store
that did not answer), 2 a usage or configuration error.
Configuration comes from environment variables (see .env.example).`;

/** Each command's own usage, printed for `--help` before any configuration is read. */
const COMMAND_USAGE: Record<string, string> = {
  find: FIND_USAGE,
  paper: PAPER_USAGE,
  picks: PICKS_USAGE,
  chat: CHAT_USAGE,
  digest: DIGEST_USAGE,
  export: EXPORT_USAGE,
  ingest: INGEST_USAGE,
  store: STORE_IMPORT_USAGE,
  help: USAGE,
};

/**
 * Argument checks for the commands that load the corpus, open the store or read the terminal before
 * they check their own arguments: a mistake is answered with exit code 2 before any of that (an
 * ingest with a misspelt option must not wait for, or be refused by, the data folder's lock). The
 * other commands check their arguments first themselves.
 */
const EARLY_CHECKS: Record<string, (args: string[]) => string | undefined> = {
  chat: chatArgsProblem,
  digest: digestArgsProblem,
  export: exportArgsProblem,
  ingest: ingestArgsProblem,
  paper: paperArgsProblem,
};

export interface CliIo {
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
    runFind(args, { ...io, withDefaultPapers: (use) => withStoredPapers(config, log, use) }),
  picks: (args, env) =>
    runPicks(args, {
      ...env.io,
      withDefaultIndex: (use) =>
        withApp(
          env,
          (app) =>
            use({
              index: app.index,
              get: (ids) => app.papers.get(ids),
              since: (since) => app.papers.since(since),
            }),
          { readOnly: true },
        ),
    }),
  chat: (_args, env) =>
    withApp(env, async (app) => {
      const { config } = env;
      const sources = createPaperSources({ ...config.sources, log: env.log });
      await runChat({
        ...commandServiceDeps(config, app, sources, env.log),
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
          // The papers of the week before --at, which need not be the ones held now.
          composeAt: async (at) => {
            const candidates = await app.papers.since(new Date(at.getTime() - CANDIDATE_MS));
            return createDigestComposer({
              index: app.index,
              papers: () => candidates,
              calendar: new ArxivCalendar(env.config.digest.arxivHolidays),
            });
          },
          graceHours: env.config.digest.graceHours,
          ...env.io,
        }),
      { readOnly: true },
    ),
  export: (args, env) =>
    withApp(
      env,
      (app) =>
        runExport(args, {
          readingLists: app.store.readingLists,
          papers: (ids) => app.papers.get(ids),
          ...env.io,
        }),
      { readOnly: true },
    ),
  paper: (args, { config, io, log }) =>
    withStoredPapers(config, log, (papers) => runPaper(args, { papers, ...io })),
  ingest: (args, env) =>
    withApp(env, (app) =>
      runIngest(args, {
        corpus: new Corpus((ids) => app.store.papers.get(ids)),
        save: app.savePapers,
        sources: createPaperSources({ ...env.config.sources, log: env.log }),
        ...env.io,
        log: env.log,
        defaultCategories: env.config.sources.categories,
      }),
    ),
};

/**
 * Runs one CLI command and resolves with the process exit code: 0 done, 1 the command failed, 2 a
 * usage or configuration error. Help and argument mistakes that need no data are answered before
 * the configuration is read or any store is opened.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined) {
    io.err(`Which command?\n\n${USAGE}`);
    return 2;
  }
  if (name === "help" || name === "--help" || name === "-h") return help(args, io);
  const command = COMMANDS[name];
  if (!command) {
    io.err(`Unknown command “${name}”.\n\n${USAGE}`);
    return 2;
  }
  if (asksForHelp(args)) {
    io.out(COMMAND_USAGE[name] ?? USAGE);
    return 0;
  }
  const problem = EARLY_CHECKS[name]?.(args);
  if (problem !== undefined) {
    io.err(`${problem}\n${COMMAND_USAGE[name] ?? USAGE}`);
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

/** `paperboy help [command]`: the overview, or one command's usage. */
function help(args: string[], io: CliIo): number {
  const topic = args.find((arg) => arg !== "--help" && arg !== "-h");
  if (topic === undefined) {
    io.out(USAGE);
    return 0;
  }
  const usage = COMMAND_USAGE[topic];
  if (!usage) {
    io.err(`Unknown command “${topic}”.\n\n${USAGE}`);
    return 2;
  }
  io.out(usage);
  return 0;
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
