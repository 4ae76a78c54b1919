import { mkdir, writeFile } from "node:fs/promises";
import type { Delivery, SentPaper } from "../../src/core/records.js";
import { dataLayout } from "../../src/storage/files/data-layout.js";
import { nodeFileIo } from "../../src/storage/files/file-io.js";
import { writeFormat } from "../../src/storage/files/format-file.js";
import type { ShardKind } from "../../src/storage/files/record-data.js";
import { SHARD_KINDS } from "../../src/storage/files/record-data.js";
import { SHARD_COUNTS, shardOf } from "../../src/storage/files/shard-hash.js";
import type { SyntheticUsers } from "./store-data.js";
import { syntheticUsers, userKey } from "./store-data.js";

/**
 * Writes `users` synthetic users into the data folder `dir` as the files adapter lays them out
 * (see data-layout.ts), one shard file at a time, for `openFileStore` to load as a bot does when
 * it starts. Not through `replaceAll`: at 100,000 users with a month of history, that one call
 * took the files adapter 98 s (with a 10 GB heap) to 192 s (with Node's default heap, collecting
 * garbage most of the time) and a 4.4 GB peak RSS on the 2-core machine this was written on.
 * The load checks every file and fails naming one of the wrong shape, so this cannot drift from
 * the format unnoticed.
 */
export async function writeShardFiles(dir: string, users: number): Promise<void> {
  const layout = dataLayout(dir);
  const made = syntheticUsers();
  const texts = new SharedTexts();
  for (const kind of SHARD_KINDS) {
    // Synthetic users import no library, save no paper and vote on none.
    if (kind === "libraries" || kind === "reading-lists" || kind === "votes") continue;
    const byShard = Array.from({ length: SHARD_COUNTS[kind] }, (): number[] => []);
    for (let index = 0; index < users; index++) byShard[shardOf(userKey(index), kind)]?.push(index);
    await mkdir(layout.kindFolder(kind), { recursive: true });
    for (const [shard, indexes] of byShard.entries()) {
      const entries = indexes.map(
        (index) => `${JSON.stringify(userKey(index))}:${recordText(kind, made, index, texts)}`,
      );
      await writeFile(layout.shardFile(kind, shard), `{${entries.join(",")}}`);
    }
  }
  await writeFormat(layout.format, nodeFileIo);
}

/**
 * User `index`'s record in a shard file of `kind`: JSON.stringify's text of the record as the adapter
 * keeps it. A target's delivery log is `{log: deliveries without their key, sent: {ids,
 * publishedAt}}`, assembled from texts shared between users (see SharedTexts).
 */
function recordText(kind: ShardKind, made: SyntheticUsers, index: number, texts: SharedTexts): string {
  if (kind === "profiles") return JSON.stringify(made.profile(index));
  if (kind === "subscriptions") return JSON.stringify(made.subscription(index));
  const history = made.history(index);
  const log = history.deliveries.map((delivery) => texts.delivery(delivery));
  const ids = history.sent.map((paper) => texts.id(paper));
  const dates = history.sent.map((paper) => texts.publishedAt(paper));
  return `{"log":[${log.join(",")}],"sent":{"ids":[${ids.join(",")}],"publishedAt":[${dates.join(",")}]}}`;
}

/**
 * The JSON texts of what users share, made once each: millions of deliveries hold a few thousand
 * digests. Building and serialising a fresh object for each took five times longer.
 */
class SharedTexts {
  /** By the digest's paper id list (one shared array per digest), then by local date. */
  readonly #deliveries = new Map<readonly string[], Map<string, string>>();
  readonly #sent = new Map<SentPaper, { id: string; publishedAt: string }>();

  delivery(delivery: Delivery): string {
    let byDate = this.#deliveries.get(delivery.paperIds);
    if (!byDate) this.#deliveries.set(delivery.paperIds, (byDate = new Map()));
    let text = byDate.get(delivery.localDate);
    if (text === undefined) {
      const { key: _key, ...record } = delivery;
      byDate.set(delivery.localDate, (text = JSON.stringify(record)));
    }
    return text;
  }

  id(paper: SentPaper): string {
    return this.#sentTexts(paper).id;
  }

  publishedAt(paper: SentPaper): string {
    return this.#sentTexts(paper).publishedAt;
  }

  #sentTexts(paper: SentPaper): { id: string; publishedAt: string } {
    let texts = this.#sent.get(paper);
    if (texts === undefined) {
      texts = { id: JSON.stringify(paper.id), publishedAt: JSON.stringify(paper.publishedAt ?? null) };
      this.#sent.set(paper, texts);
    }
    return texts;
  }
}
