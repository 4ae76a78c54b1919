import type { CommandService } from "../../src/core/commands/context.js";
import { createCommandService } from "../../src/core/commands/service.js";
import type { Logger } from "../../src/core/log.js";
import { TfIdfIndex } from "../../src/core/search/tfidf-index.js";
import type { Store } from "../../src/core/store/port.js";
import { allPapers, NOW } from "../core/commands/harness.js";
import { shelfHolding } from "../helpers/paper-shelf.js";

/**
 * The real command layer over the bundled and test papers, on `store`, at the harness's fixed time
 * unless `now` gives a clock a test moves.
 */
export function realCommandService(store: Store, log: Logger, now: () => Date = () => NOW): CommandService {
  const papers = allPapers();
  return createCommandService({
    index: TfIdfIndex.build(papers),
    papers: shelfHolding(papers, store.papers),
    store,
    log,
    now,
    defaults: { time: "08:00", timezone: "UTC" },
  });
}
