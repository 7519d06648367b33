-- Full-text search over software names and descriptions (every language), ranked with bm25.
-- Written by hand: drizzle-kit has no virtual tables. rowid = software.row_id. Contentless (the texts live in
-- software.descriptions) with contentless_delete so the verbs can delete/replace a row by rowid; kept in sync
-- by src/services/search/index-software.ts in the same transaction as each software write (no triggers).
-- Columns: name (weighted highest), short descriptions, long descriptions + features.
CREATE VIRTUAL TABLE `software_fts` USING fts5(
  `name`,
  `short`,
  `long`,
  content = '',
  contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3'
);
