-- The inbox's sort=lastMessage order, (tenant, activity, id), so the first page
-- of 100,000 conversations is read from the index instead of sorted. The
-- expression matches worker/conversations/queries.ts exactly.
CREATE INDEX `conversations_tenant_activity` ON `conversations` (`tenant_id`,coalesce("last_message_at", "created_at"),`id`);--> statement-breakpoint
-- The assistant's knowledge search: the tenant becomes an indexed FTS column,
-- so a MATCH is restricted to the tenant's rows inside the full-text index
-- instead of ranking every tenant's matches and filtering afterwards.
CREATE VIRTUAL TABLE `knowledge_fts_tenant` USING fts5(
	`terms`,
	`chunk_id` UNINDEXED,
	`entry_id` UNINDEXED,
	`tenant_id`,
	tokenize = 'unicode61 remove_diacritics 2'
);--> statement-breakpoint
INSERT INTO `knowledge_fts_tenant` (`terms`, `chunk_id`, `entry_id`, `tenant_id`) SELECT `terms`, `chunk_id`, `entry_id`, `tenant_id` FROM `knowledge_fts`;--> statement-breakpoint
DROP TABLE `knowledge_fts`;--> statement-breakpoint
ALTER TABLE `knowledge_fts_tenant` RENAME TO `knowledge_fts`;
