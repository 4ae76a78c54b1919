/**
 * Imported libraries: one row per target, its papers kept whole as jsonb (the store never queries
 * inside them, except `jsonb_array_length` to count them), apart from the profile so a 👍 never
 * rewrites a library.
 */
export const libraries = `
CREATE TABLE libraries (
  target_key text PRIMARY KEY,
  imported_at timestamptz NOT NULL,
  papers jsonb NOT NULL
);
`;
