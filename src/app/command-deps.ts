import cron from "node-cron";
import type { Config } from "../config.js";
import type { CommandServiceDeps } from "../core/commands/deps.js";
import type { Logger } from "../core/log.js";
import type { Telemetry } from "../core/telemetry.js";
import type { PaperSources } from "../sources/create.js";
import type { App } from "./open-app.js";

/** What the command layer works with, the same for the bots, their console chat and `paperboy chat`. */
export function commandServiceDeps(
  config: Config,
  app: App,
  sources: PaperSources,
  log: Logger,
  telemetry?: Telemetry,
): CommandServiceDeps {
  return {
    index: app.index,
    papers: app.papers,
    store: app.store,
    log,
    defaults: { time: config.digest.defaultTime, timezone: config.digest.defaultTimezone },
    lookup: (ids: readonly string[]) => sources.arxiv.byIds(ids),
    nextIngest: nextIngestRun,
    admins: new Set(config.admins),
    ...(telemetry ? { telemetry } : {}),
  };
}

/** The scheduler's ingestion task, once it runs (the console chat has none): when it runs next. */
function nextIngestRun(): Date | undefined {
  return [...cron.getTasks().values()].find((task) => task.name === "ingestion")?.getNextRun() ?? undefined;
}
