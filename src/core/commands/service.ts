import { VectorCache } from "../recommender/vector-cache.js";
import { StoreWriteError } from "../store/errors.js";
import { NO_TELEMETRY } from "../telemetry.js";
import { runAction } from "./actions.js";
import { closest } from "./closest.js";
import { splitCommand } from "./command.js";
import type { CommandContext, CommandService } from "./context.js";
import type { Target } from "../target.js";
import { targetKey } from "../target.js";
import type { CommandEnv, CommandServiceDeps } from "./deps.js";
import { FindPages } from "./find-pages.js";
import { COMMANDS } from "./registry.js";
import { errorReply, quote } from "./replies.js";
import type { Reply } from "./reply.js";

/** Commands longer than this are refused before parsing: no legitimate one comes close. */
const MAX_INPUT_CHARS = 6000;

const FAILURE =
  "Something went wrong on our side and the command did not finish. Nothing you saved was lost; please try again.";
const NOT_SAVED =
  "Your change was not saved: paperboy could not write to its storage. Nothing changed; try the same command again in a moment.";

/**
 * The platform-neutral command layer: parses a command, acts on the store and index, and answers
 * with a Reply. It never throws: bad input becomes an error reply naming the valid form, and an
 * unexpected failure is logged and answered with an apology.
 *
 * @example
 * const service = createCommandService({ index, store, log, defaults: { time: "08:00", timezone: "UTC" } });
 * await service.run(ctx, "interests add graph neural networks");
 */
export function createCommandService(deps: CommandServiceDeps): CommandService {
  const env: CommandEnv = {
    index: deps.index,
    papers: deps.papers,
    store: deps.store,
    log: deps.log,
    now: deps.now ?? (() => new Date()),
    defaults: deps.defaults,
    ...(deps.lookup ? { lookup: deps.lookup } : {}),
    ...(deps.nextIngest ? { nextIngest: deps.nextIngest } : {}),
    ...(deps.admins ? { admins: deps.admins } : {}),
    vectors: new VectorCache(deps.index),
    findPages: new FindPages(),
    usages: COMMANDS.map(({ usage, summary }) => ({ usage, summary })),
  };
  const byName = new Map(COMMANDS.map((command) => [command.name, command]));
  const telemetry = deps.telemetry ?? NO_TELEMETRY;
  /** The metrics' name for a command: one of the registry's, so that typos cannot add series. */
  const label = (name: string) => (byName.has(name) ? name : "unknown");

  const guarded = async (
    ctx: CommandContext,
    input: string,
    name: string,
    run: () => Promise<Reply>,
  ): Promise<Reply> => {
    const started = performance.now();
    let ok = true;
    try {
      return await run();
    } catch (error) {
      ok = false;
      env.log.error(
        { err: error, target: targetKey(ctx.target), input: input.slice(0, 200) },
        "command failed",
      );
      return errorReply(error instanceof StoreWriteError ? NOT_SAVED : FAILURE);
    } finally {
      telemetry.command(name, (performance.now() - started) / 1000, ok);
    }
  };

  return {
    run(ctx, input) {
      const tooLong = input.length > MAX_INPUT_CHARS;
      const { name, args } = tooLong ? { name: "", args: "" } : splitCommand(input);
      return guarded(ctx, input, label(name), async () => {
        if (tooLong) {
          return errorReply(
            `That command is too long (${input.length} characters). Type /help for the commands.`,
          );
        }
        if (name.length === 0)
          return errorReply("Type a command, e.g. /find graph neural networks, or /help for all.");
        const command = byName.get(name);
        if (!command) return unknownCommand(name, [...byName.keys()]);
        return command.run(args, ctx, env);
      });
    },
    runAction(ctx, action) {
      // A button runs the command it belongs to (`like:<id>` is /like): it is counted as that command.
      const kind = action.trim().split(":", 1)[0] ?? "";
      return guarded(ctx, action, label(kind), () => runAction(ctx, action.trim(), env));
    },
    async interestsOf(target: Target) {
      return (await env.store.profiles.get(targetKey(target)))?.interests ?? [];
    },
    async entriesOf(target: Target, list: "follows" | "mutes") {
      return (await env.store.profiles.get(targetKey(target)))?.[list] ?? [];
    },
  };
}

function unknownCommand(name: string, names: string[]): Reply {
  const suggestion = closest(name, names);
  const hint = suggestion ? ` Did you mean /${suggestion}?` : "";
  return errorReply(`Unknown command ${quote(`/${name}`)}.${hint} Type /help for the list of commands.`);
}
