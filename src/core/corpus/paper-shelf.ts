import type { Paper, PaperByline } from "../paper.js";
import { FamilyFilter } from "../recommender/author-names.js";
import type { PaperRecords } from "../store/port.js";

/**
 * Where an instance finds papers. The recent ones (what picks and digests choose from) are held
 * whole in memory, and so are pinned ones (the bundled demo corpus before it is stored); every
 * other paper is read from the store when a card shows it, so a large corpus costs the heap no text.
 */
export class PaperShelf {
  readonly #held = new Map<string, Paper>();
  readonly #pinned = new Set<string>();

  /** Holds papers published at most `keepMs` before `now()` (and undated ones). */
  constructor(
    private readonly stored: Pick<PaperRecords, "get" | "since" | "bylinesByFamily">,
    private readonly keepMs: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Holds the recent or undated of these papers (replacing held ones by id) and lets go of those grown old. */
  hold(papers: Iterable<Paper>): void {
    const oldestMs = this.now().getTime() - this.keepMs;
    for (const paper of papers) {
      if (this.#pinned.has(paper.id) || !publishedBefore(paper, oldestMs)) this.#held.set(paper.id, paper);
      else this.#held.delete(paper.id);
    }
    for (const [id, paper] of this.#held) {
      if (!this.#pinned.has(id) && publishedBefore(paper, oldestMs)) this.#held.delete(id);
    }
  }

  /** Holds the stored papers recent enough to hold, and the undated ones, as `since` reads them. */
  async holdStored(): Promise<void> {
    this.hold(await this.stored.since(new Date(this.now().getTime() - this.keepMs)));
  }

  /** Holds these papers whatever their age, until `unpin`. */
  pin(papers: Iterable<Paper>): void {
    for (const paper of papers) {
      this.#pinned.add(paper.id);
      this.#held.set(paper.id, paper);
    }
  }

  /** The pinned papers, as held now. */
  pinned(): Paper[] {
    return [...this.#pinned].flatMap((id) => this.#held.get(id) ?? []);
  }

  /** Lets the pinned papers go the way of the others (once the store holds them). */
  unpin(): void {
    this.#pinned.clear();
    this.hold([]);
  }

  /** The papers held: every paper published within the kept time, undated ones, pinned ones. */
  recent(): Paper[] {
    return [...this.#held.values()];
  }

  /** The held paper with this id, if it is one: what a stored copy is compared with. */
  held(id: string): Paper | undefined {
    return this.#held.get(id);
  }

  /** Papers by id in the order asked, unknown ids left out: held ones at once, the rest from the store. */
  async get(ids: readonly string[]): Promise<Paper[]> {
    const found = await this.byId(ids);
    return [...new Set(ids)].flatMap((id) => found.get(id) ?? []);
  }

  /** The papers with these ids that are known, by id (what cards are looked up in). */
  async byId(ids: readonly string[]): Promise<Map<string, Paper>> {
    const missing = ids.filter((id) => !this.#held.has(id));
    const fetched = missing.length === 0 ? [] : await this.stored.get(missing);
    const found = new Map(fetched.map((paper) => [paper.id, paper]));
    for (const id of ids) {
      const held = this.#held.get(id);
      if (held) found.set(id, held);
    }
    return found;
  }

  /**
   * Papers published at or after `since`, and undated ones: the store's, then the pinned papers
   * it does not hold (the demo corpus before it is stored).
   */
  async since(since: Date): Promise<Paper[]> {
    const stored = await this.stored.since(since);
    const ids = new Set(stored.map((paper) => paper.id));
    const pinned = this.pinned().filter(
      (paper) => !ids.has(paper.id) && !publishedBefore(paper, since.getTime()),
    );
    return [...stored, ...pinned];
  }

  /**
   * The bylines of the papers with an author of one of these family names (see
   * PaperRecords.bylinesByFamily): the store's, then the pinned papers' (the demo corpus, which the
   * store holds none of until the first save stores it and unpins it).
   */
  async bylinesByFamily(families: readonly string[]): Promise<PaperByline[]> {
    const filter = new FamilyFilter(families);
    const pinned = this.pinned().filter((paper) => filter.matches(paper.authors));
    return [...(await this.stored.bylinesByFamily(families)), ...pinned];
  }

  /** One paper by id, or undefined. */
  async one(id: string): Promise<Paper | undefined> {
    return (await this.get([id]))[0];
  }
}

function publishedBefore(paper: Paper, instantMs: number): boolean {
  return paper.publishedAt !== undefined && Date.parse(paper.publishedAt) < instantMs;
}
