/**
 * What `/status` reads: each source's latest ingestion run (one row per source, replaced by the
 * next run; operational, so replaceAll and snapshots leave it alone), and an index of the failed
 * digests by time, so "the failures of the last day" reads a few rows, not the whole log.
 */
export const status = `
CREATE TABLE ingest_runs (
  source text PRIMARY KEY,
  at timestamptz NOT NULL,
  added int NOT NULL,
  merged int NOT NULL,
  error text
);

CREATE INDEX deliveries_failed_at_idx ON deliveries (at) WHERE status = 'failed';
`;
