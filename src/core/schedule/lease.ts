import type { Lease } from "../store/port.js";

/**
 * How long a claim (or a send under way) belongs to the instance that made it. Long enough for a
 * claimed batch to wait for the platform's rate limit; short enough that when an instance dies,
 * another one takes its claims over within a few minutes (the next delivery tick after expiry).
 */
export const LEASE_MS = 2 * 60_000;

/** The lease an instance holds from `now`. */
export function leaseFrom(owner: string, now: Date): Lease {
  return { owner, until: new Date(now.getTime() + LEASE_MS) };
}
