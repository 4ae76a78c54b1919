// A console chat process for the piped-stdin test: seed corpus, state in memory.
import { silentLogger } from "../../../src/core/log.js";
import { TfIdfIndex } from "../../../src/core/search/tfidf-index.js";
import { StateStore } from "../../../src/core/state/state-store.js";
import { MemoryDocumentStore } from "../../../src/core/store/memory-store.js";
import { runChat } from "../../../src/cli/chat.js";
import { allPapers } from "../../core/commands/harness.js";

const state = await StateStore.open(new MemoryDocumentStore("state"));
await runChat({
  index: TfIdfIndex.build(allPapers()),
  state,
  log: silentLogger,
  defaults: { time: "08:00", timezone: "UTC" },
  input: process.stdin,
  output: process.stdout,
  reason: "no-tokens",
});
