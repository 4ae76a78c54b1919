import { shelfHolding } from "../../helpers/paper-shelf.js";
import { readFileSync } from "node:fs";
import { parseHfPapersPage } from "../../../src/core/corpus/hf-page.js";
import type { CommandContext } from "../../../src/core/commands/context.js";
import type { Target } from "../../../src/core/target.js";
import type { CommandServiceDeps } from "../../../src/core/commands/deps.js";
import { createCommandService } from "../../../src/core/commands/service.js";
import type { Logger } from "../../../src/core/log.js";
import type { Paper } from "../../../src/core/paper.js";
import { TfIdfIndex } from "../../../src/core/search/tfidf-index.js";
import type { Store } from "../../../src/core/store/port.js";
import { openMemoryStore } from "../../../src/storage/files/memory-store.js";

export const NOW = new Date("2024-12-03T07:00:00Z");

export const ARXIV_PAPERS: Paper[] = [
  {
    id: "2410.12345",
    title: "Graph neural networks for traffic forecasting",
    abstract: "Graph neural networks model road networks to forecast traffic with spatial message passing.",
    authors: ["Ada Lovelace"],
    publishedAt: "2024-12-02T00:00:00Z",
    sources: ["arxiv"],
  },
  {
    id: "2410.54321",
    title: "Graph neural networks for power grids",
    abstract: "We apply graph neural networks to power grid networks to forecast load.",
    authors: ["Alan Turing"],
    publishedAt: "2024-10-01T00:00:00Z",
    sources: ["arxiv"],
  },
];

export function allPapers(): Paper[] {
  const seed = parseHfPapersPage(
    readFileSync(new URL("../../../data/hf-papers-page.txt", import.meta.url), "utf8"),
  );
  return [...seed, ...ARXIV_PAPERS];
}

export interface Harness {
  run(input: string, ctx?: CommandContext): ReturnType<ReturnType<typeof createCommandService>["run"]>;
  action(
    action: string,
    ctx?: CommandContext,
  ): ReturnType<ReturnType<typeof createCommandService>["runAction"]>;
  service: ReturnType<typeof createCommandService>;
  store: Store;
  errors: unknown[];
}

export const USER: Target = { platform: "telegram", kind: "user", id: "7" };
export const CHANNEL: Target = { platform: "discord", kind: "channel", id: "900" };

export function userContext(target: Target = USER): CommandContext {
  return {
    platform: target.platform,
    userId: target.id,
    target,
    canManage: async () => true,
    replyChatId: "chat-7",
  };
}

export function channelContext(canManage: boolean): CommandContext {
  return { platform: "discord", userId: "55", target: CHANNEL, canManage: async () => canManage };
}

/** `extra`: more of the service's dependencies (the next ingest, the operators), as main wires them. */
export async function harness(
  papers: Paper[] = allPapers(),
  extra: Pick<CommandServiceDeps, "nextIngest" | "admins"> = {},
): Promise<Harness> {
  const store = openMemoryStore();
  const errors: unknown[] = [];
  const log: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: (obj) => errors.push(obj) };
  const service = createCommandService({
    index: TfIdfIndex.build(papers),
    papers: shelfHolding(papers, store.papers),
    store,
    log,
    now: () => NOW,
    defaults: { time: "08:00", timezone: "UTC" },
    ...extra,
  });
  return {
    run: (input, ctx = userContext()) => service.run(ctx, input),
    action: (action, ctx = userContext()) => service.runAction(ctx, action),
    service,
    store,
    errors,
  };
}
