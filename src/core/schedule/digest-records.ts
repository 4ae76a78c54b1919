import type { DigestInput } from "../delivery/digest-port.js";
import type { Library, Subscription } from "../records.js";
import type { Store, TargetHistory } from "../store/port.js";
import type { Logger } from "../log.js";
import type { TargetKey } from "../target.js";

/** What composing the digests of some targets reads from the store, in a few queries for them all. */
export interface DigestRecords {
  inputOf(key: TargetKey, subscription: Subscription): DigestInput;
}

export async function readDigestRecords(
  store: Store,
  keys: readonly TargetKey[],
  log?: Logger,
): Promise<DigestRecords> {
  const [profiles, histories, libraries] = await Promise.all([
    store.profiles.getMany(keys),
    store.deliveries.historyOf(keys),
    librariesOf(store, keys, log),
  ]);
  return {
    inputOf(key, subscription) {
      const history: TargetHistory = histories.get(key) ?? { sent: [] };
      const library = libraries.get(key);
      const input: DigestInput = { key, subscription, profile: profiles.get(key), history };
      return library ? { ...input, library } : input;
    },
  };
}

/** Few targets import a library: their sizes are asked in one query, and only those libraries read. */
async function librariesOf(
  store: Store,
  keys: readonly TargetKey[],
  log: Logger | undefined,
): Promise<Map<TargetKey, Library>> {
  const withLibrary = [...(await store.libraries.sizes(keys)).keys()];
  const read = await Promise.all(
    withLibrary.map(async (key) => {
      try {
        return [key, await store.libraries.get(key)] as const;
      } catch (error) {
        // One unreadable library costs its target the library's influence today, not its digest.
        log?.warn({ err: error, key }, "could not read a library; that digest is composed without it");
        return [key, undefined] as const;
      }
    }),
  );
  return new Map(read.filter((entry): entry is [TargetKey, Library] => entry[1] !== undefined));
}
