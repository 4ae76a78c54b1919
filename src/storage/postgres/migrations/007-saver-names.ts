/**
 * The display name of whoever saved a paper, which a channel's reading list shows. Nullable: a
 * paper saved before names were kept, or where the platform gave no name, has none, and the list
 * shows the saver's id for it.
 */
export const saverNames = `
ALTER TABLE saved_papers ADD COLUMN saved_by_name text;
`;
