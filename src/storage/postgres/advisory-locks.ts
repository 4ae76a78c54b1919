/**
 * The first key of paperboy's advisory locks (`pg_advisory_xact_lock(class, key)`): arbitrary
 * constants, chosen to differ from other applications' locks on the same database.
 */
export const lockClass = {
  /** Key: hashtext(schema). One migrator per schema at a time. */
  migrations: 0x70627901,
  /** Key: hashtext(target key). One update of a profile at a time, from any instance. */
  profiles: 0x70627902,
  /** Key: hashtext(schema). One write of papers at a time, so change numbers commit in order. */
  papers: 0x70627903,
  /** Key: hashtext(schema || '/' || job). A session-level lock: one holder of a job at a time. */
  jobs: 0x70627904,
  /** Key: hashtext(target key). One save to a reading list at a time, so it never passes MAX_SAVED. */
  readingLists: 0x70627905,
} as const;
