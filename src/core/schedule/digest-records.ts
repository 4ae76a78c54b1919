import type { DigestInput } from "../delivery/digest-port.js";
import type { Library, Subscription } from "../records.js";
import type { Store, TargetHistory } from "../store/port.js";
import type { TargetKey } from "../target.js";

/** What composing the digests of some targets reads from the store, in a few queries for them all. */
export interface DigestRecords {
  inputOf(key: TargetKey, subscription: Subscription): DigestInput;
}

export async function readDigestRecords(store: Store, keys: readonly TargetKey[]): Promise<DigestRecords> {
  const [profiles, histories, libraries] = await Promise.all([
    store.profiles.getMany(keys),
    store.deliveries.historyOf(keys),
    librariesOf(store, keys),
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
async function librariesOf(store: Store, keys: readonly TargetKey[]): Promise<Map<TargetKey, Library>> {
  const withLibrary = [...(await store.libraries.sizes(keys)).keys()];
  const read = await Promise.all(
    withLibrary.map(async (key) => [key, await store.libraries.get(key)] as const),
  );
  return new Map(read.filter((entry): entry is [TargetKey, Library] => entry[1] !== undefined));
}
