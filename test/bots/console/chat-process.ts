// A console chat process for the piped-stdin test: seed corpus, records in memory.
import { silentLogger } from "../../../src/core/log.js";
import { TfIdfIndex } from "../../../src/core/search/tfidf-index.js";
import { openMemoryStore } from "../../../src/storage/files/memory-store.js";
import { runChat } from "../../../src/cli/chat.js";
import { allPapers } from "../../core/commands/harness.js";
import { shelfHolding } from "../../helpers/paper-shelf.js";

const store = openMemoryStore();
await runChat({
  index: TfIdfIndex.build(allPapers()),
  papers: shelfHolding(allPapers(), store.papers),
  store,
  log: silentLogger,
  defaults: { time: "08:00", timezone: "UTC" },
  input: process.stdin,
  output: process.stdout,
  reason: "no-tokens",
});
