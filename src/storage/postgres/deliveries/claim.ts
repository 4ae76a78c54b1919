import type { Lease, NewClaim } from "../../../core/store/port.js";
import type { TargetKey } from "../../../core/target.js";
import type { Db } from "../db.js";
import { publishedSeconds } from "../paper-dates.js";
import { writing } from "../write-error.js";

/**
 * One INSERT for every claim; a (key, local date) that has a record already, or that an instance
 * claiming at the same moment inserts first, is skipped (the unique index makes the second insert
 * wait for the first one's commit, then skip). RETURNING names the claims this call won.
 */
const insertClaims = `
INSERT INTO deliveries (target_key, local_date, status, at, paper_ids, sent_ids, late, owner, lease_until, reply, chat_id)
SELECT c.key, c.local_date, 'claimed', $1::timestamptz,
  ARRAY(SELECT e.id FROM jsonb_array_elements_text(c.paper_ids::jsonb) WITH ORDINALITY AS e(id, n) ORDER BY e.n),
  '{}', c.late, $2, $3::timestamptz, c.reply::jsonb, c.chat_id
FROM unnest($4::text[], $5::text[], $6::text[], $7::boolean[], $8::text[], $9::text[])
  WITH ORDINALITY AS c(key, local_date, paper_ids, late, reply, chat_id, n)
ORDER BY c.n
ON CONFLICT (target_key, local_date) DO NOTHING
RETURNING target_key, local_date`;

/** The won claims' picks join the sent history, in pick order; a paper already there stays where it is. */
const insertSent = `
INSERT INTO sent_papers (target_key, paper_id, published, published_at)
SELECT s.key, s.paper_id, s.published, to_timestamp(s.published_at::float8)
FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
  WITH ORDINALITY AS s(key, paper_id, published, published_at, n)
ORDER BY s.n
ON CONFLICT (target_key, paper_id) DO NOTHING`;

export function claim(db: Db, claims: readonly NewClaim[], lease: Lease, now: Date): Promise<Set<TargetKey>> {
  if (claims.length === 0) return Promise.resolve(new Set());
  return writing(db.location, () =>
    db.transaction(async (tx) => {
      const won = await tx.query<{ target_key: string; local_date: string }>(insertClaims, [
        now.toISOString(),
        lease.owner,
        lease.until.toISOString(),
        claims.map((c) => c.key),
        claims.map((c) => c.localDate),
        claims.map((c) => JSON.stringify(c.papers.map((paper) => paper.id))),
        claims.map((c) => c.late),
        claims.map((c) => JSON.stringify(c.reply)),
        claims.map((c) => c.chatId),
      ]);
      const sent = sentOfWon(claims, new Set(won.map((row) => pair(row.target_key, row.local_date))));
      if (sent.keys.length > 0)
        await tx.query(insertSent, [sent.keys, sent.ids, sent.given, sent.publishedAt]);
      return new Set(won.map((row) => row.target_key));
    }),
  );
}

/** The picks of the won claims, flattened; of two claims of one (key, date), the first was inserted. */
function sentOfWon(claims: readonly NewClaim[], won: Set<string>) {
  const sent = {
    keys: [] as string[],
    ids: [] as string[],
    given: [] as (string | null)[],
    publishedAt: [] as (string | null)[],
  };
  for (const c of claims) {
    if (!won.delete(pair(c.key, c.localDate))) continue;
    for (const paper of c.papers) {
      sent.keys.push(c.key);
      sent.ids.push(paper.id);
      sent.given.push(paper.publishedAt ?? null);
      sent.publishedAt.push(publishedSeconds(paper.publishedAt));
    }
  }
  return sent;
}

function pair(key: string, localDate: string): string {
  return `${key}\u0000${localDate}`;
}
