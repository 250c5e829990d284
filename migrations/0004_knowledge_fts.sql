-- Full-text index over knowledge chunks. The indexed column holds the chunk's
-- stemmed tokens (stemming happens in worker/ai/text.ts, the same code that
-- stems queries), so plain unicode61 tokenizing is enough here.
CREATE VIRTUAL TABLE `knowledge_fts` USING fts5(
	`terms`,
	`chunk_id` UNINDEXED,
	`entry_id` UNINDEXED,
	`tenant_id` UNINDEXED,
	tokenize = 'unicode61 remove_diacritics 2'
);
