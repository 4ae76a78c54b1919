import type { Paper } from "../paper.js";
import { inCategories } from "../paper-categories.js";
import { AuthorMatcher } from "./author-names.js";
import { foldTitle } from "./library-model.js";
import { MuteMatcher } from "./muted-phrases.js";

/** Distinct phrases, names or category sets remembered per pool before the caches start over. */
const MAX_REMEMBERED = 10_000;

/**
 * Which candidates of a pool a muted phrase, a followed author or a choice of categories concerns,
 * each worked out once per pool and shared by every profile that names the same phrase, author or
 * categories (thousands of profiles, a few distinct filters).
 */
export class PoolFilters {
  readonly #muted = new Map<string, Int32Array>();
  readonly #byAuthor = new Map<string, Int32Array>();
  readonly #outside = new Map<string, Int32Array>();
  readonly #titled = new WeakMap<ReadonlySet<string>, Int32Array>();
  #foldedTitles: string[] | undefined;

  constructor(private readonly papers: readonly Paper[]) {}

  /** The candidates whose title or abstract matches `phrase` (see MuteMatcher). */
  mutedBy(phrase: string): Int32Array {
    return remember(this.#muted, phrase.toLowerCase(), () => {
      const matcher = new MuteMatcher([phrase]);
      return this.#docsWhere((paper) => matcher.matches(paper) !== undefined);
    });
  }

  /** The candidates with an author who is `name` in any of the forms sources write it. */
  by(name: string): Int32Array {
    // Keyed on the name as written: capitals tell a family name apart ("LECUN Yann").
    return remember(this.#byAuthor, name.normalize("NFC"), () => {
      const matcher = new AuthorMatcher([name]);
      return this.#docsWhere((paper) => matcher.matches(paper.authors) !== undefined);
    });
  }

  /** The candidates in none of `categories` (papers whose categories are unknown included). */
  outside(categories: readonly string[]): Int32Array {
    return remember(this.#outside, [...categories].sort().join(" "), () => {
      const wanted = new Set(categories);
      return this.#docsWhere((paper) => !inCategories(paper.categories, wanted));
    });
  }

  /** The candidates whose folded title (see foldTitle) is among `titles`: papers a library already holds. */
  titled(titles: ReadonlySet<string>): Int32Array {
    let docs = this.#titled.get(titles);
    if (!docs) {
      this.#foldedTitles ??= this.papers.map((paper) => foldTitle(paper.title));
      const folded = this.#foldedTitles;
      docs = this.#docsWhere((_paper, doc) => titles.has(folded[doc] as string));
      this.#titled.set(titles, docs);
    }
    return docs;
  }

  #docsWhere(test: (paper: Paper, doc: number) => boolean): Int32Array {
    const docs: number[] = [];
    this.papers.forEach((paper, doc) => {
      if (test(paper, doc)) docs.push(doc);
    });
    return Int32Array.from(docs);
  }
}

function remember(cache: Map<string, Int32Array>, key: string, compute: () => Int32Array): Int32Array {
  let docs = cache.get(key);
  if (!docs) {
    if (cache.size >= MAX_REMEMBERED) cache.clear();
    docs = compute();
    cache.set(key, docs);
  }
  return docs;
}
