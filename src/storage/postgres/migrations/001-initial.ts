/**
 * The first schema. Times the store compares (`at`, `lease_until`, `published_at`) are timestamptz;
 * local dates are text in the "C" collation, so `<` and `max` compare them as plain strings, as
 * the port says. Subscriptions and papers are kept whole as jsonb: the store never queries inside
 * them, and they come back exactly as stored.
 */
export const initial = `
CREATE TABLE papers (
  id text PRIMARY KEY,
  -- First-stored order: a replaced paper keeps its position.
  position bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  data jsonb NOT NULL
);

CREATE TABLE profiles (
  target_key text PRIMARY KEY,
  interests text[] NOT NULL,
  liked text[] NOT NULL,
  disliked text[] NOT NULL,
  updated_at timestamptz NOT NULL
);

CREATE TABLE subscriptions (
  target_key text PRIMARY KEY,
  data jsonb NOT NULL
);

CREATE TABLE deliveries (
  target_key text NOT NULL,
  local_date text COLLATE "C" NOT NULL,
  status text NOT NULL CHECK (status IN ('claimed', 'sending', 'sent', 'failed', 'skipped')),
  at timestamptz NOT NULL,
  paper_ids text[] NOT NULL,
  sent_ids text[] NOT NULL,
  late boolean NOT NULL,
  error text,
  owner text,
  lease_until timestamptz,
  reply jsonb,
  chat_id text,
  PRIMARY KEY (target_key, local_date)
);

-- takeOver: the claims and sends whose lease ended.
CREATE INDEX deliveries_lease_until_idx ON deliveries (lease_until) WHERE status IN ('claimed', 'sending');
-- prune: records before a local date, of every target.
CREATE INDEX deliveries_local_date_idx ON deliveries (local_date);
-- scheduled / historyOf: a target's latest digest that reached the chat.
CREATE INDEX deliveries_reached_idx ON deliveries (target_key, local_date)
  WHERE status = 'sent' OR cardinality(sent_ids) > 0;

CREATE TABLE sent_papers (
  target_key text NOT NULL,
  paper_id text NOT NULL,
  published_at timestamptz,
  -- The order papers joined the history: historyOf lists them oldest first.
  seq bigint GENERATED ALWAYS AS IDENTITY,
  PRIMARY KEY (target_key, paper_id)
);

CREATE INDEX sent_papers_target_seq_idx ON sent_papers (target_key, seq);
-- prune: papers published before a cutoff.
CREATE INDEX sent_papers_published_at_idx ON sent_papers (published_at);
`;
