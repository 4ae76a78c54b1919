/** Longer queries are cut here: a stated interest never needs more, and it bounds the work per query. */
export const MAX_QUERY_CHARS = 1000;

export interface PreparedQuery {
  text: string;
  /** Set when the query was changed or cannot be searched; shown to the user as is. */
  notice?: string;
}

/** Trims a raw query and cuts an over-long one, saying so. */
export function prepareQuery(raw: string): PreparedQuery {
  const text = raw.replace(/\s+/g, " ").trim();
  if (text.length === 0) {
    return { text, notice: "Type a few words to search for, e.g. “graph neural networks”." };
  }
  if (text.length > MAX_QUERY_CHARS) {
    return {
      text: text.slice(0, MAX_QUERY_CHARS),
      notice: `Your query was cut to its first ${MAX_QUERY_CHARS.toLocaleString("en-US")} characters.`,
    };
  }
  return { text };
}

export const NO_SEARCHABLE_WORDS =
  "That query has no searchable words (only very common words, symbols or emoji). Try a topic, e.g. “diffusion models”.";
