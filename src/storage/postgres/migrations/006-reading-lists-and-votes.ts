/**
 * Lab mode: reading lists and votes, one row per saved paper and per member's vote, so that a
 * save, or many members voting on one paper at once, each write a row of their own (an upsert),
 * never a shared one.
 *
 * A reading list is read newest first: latest `saved_at`, then (of papers saved at one instant) the
 * one saved last, which `seq` records, as it does for sent papers. Votes are read by paper (the
 * primary key), by time for a recap since a date, and whole for a snapshot. Ids are compared in
 * the "C" collation, code-unit order, as the files store compares them.
 */
export const readingListsAndVotes = `
CREATE TABLE saved_papers (
  target_key text NOT NULL,
  paper_id text COLLATE "C" NOT NULL,
  saved_by text NOT NULL,
  saved_at timestamptz NOT NULL,
  seq bigint GENERATED ALWAYS AS IDENTITY,
  PRIMARY KEY (target_key, paper_id)
);

-- list / all: a target's papers newest first, a page at a time.
CREATE INDEX saved_papers_newest_idx ON saved_papers (target_key, saved_at DESC, seq DESC);

CREATE TABLE votes (
  target_key text NOT NULL,
  paper_id text COLLATE "C" NOT NULL,
  member text COLLATE "C" NOT NULL,
  vote smallint NOT NULL CHECK (vote IN (-1, 1)),
  at timestamptz NOT NULL,
  PRIMARY KEY (target_key, paper_id, member)
);

-- topSince: a target's votes cast since a time; balances: its latest votes.
CREATE INDEX votes_target_at_idx ON votes (target_key, at);
`;
