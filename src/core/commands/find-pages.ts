import { randomBytes } from "node:crypto";

/** What a "Next page" button needs to run the same search again. */
export interface FindQuery {
  query: string;
  days?: number;
}

/**
 * Remembers recent searches under short tokens, so a page button's action id stays small
 * (`find:<token>:<page>` fits Telegram's 64 bytes whatever the query). Bounded: the oldest
 * searches are forgotten first, and their buttons then say so.
 */
export class FindPages {
  readonly #queries = new Map<string, FindQuery>();

  constructor(private readonly capacity = 1000) {}

  remember(query: FindQuery): string {
    let token = newToken();
    while (this.#queries.has(token)) token = newToken();
    this.#queries.set(token, query);
    if (this.#queries.size > this.capacity) {
      const oldest = this.#queries.keys().next().value;
      if (oldest !== undefined) this.#queries.delete(oldest);
    }
    return token;
  }

  recall(token: string): FindQuery | undefined {
    const query = this.#queries.get(token);
    if (query) {
      // Touched searches move to the back of the line, so one being paged is not forgotten.
      this.#queries.delete(token);
      this.#queries.set(token, query);
    }
    return query;
  }
}

function newToken(): string {
  return randomBytes(6).toString("base64url");
}
