/**
 * A profile's follows, mutes and categories: text arrays like its interests, empty when the target
 * has none (the store reads an empty one back as absent).
 */
export const profileFilters = `
ALTER TABLE profiles
  ADD COLUMN follows text[] NOT NULL DEFAULT '{}',
  ADD COLUMN mutes text[] NOT NULL DEFAULT '{}',
  ADD COLUMN categories text[] NOT NULL DEFAULT '{}';
`;
