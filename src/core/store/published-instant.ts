/**
 * When a paper was published, in milliseconds since the epoch, as every store compares papers'
 * dates (`PaperRecords.since`, `sourceSummary`): `Date.parse` of its `publishedAt`, so
 * "2024-01-01T00:00:00Z", "2024-01-01T00:00:00.000Z" and "2024-01-01T01:00:00+01:00" are one
 * instant. Undefined when the paper has no date, or one that does not parse: such a paper counts
 * as undated rather than breaking a read.
 */
export function publishedInstant(publishedAt: unknown): number | undefined {
  if (typeof publishedAt !== "string") return undefined;
  const ms = Date.parse(publishedAt);
  return Number.isNaN(ms) ? undefined : ms;
}
