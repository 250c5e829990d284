ALTER TABLE `api_keys` ADD `expires_at` integer;
--> statement-breakpoint
ALTER TABLE `api_keys` ADD `replaced_by` text;
--> statement-breakpoint
CREATE INDEX `api_keys_expiry` ON `api_keys` (`expires_at`);
--> statement-breakpoint
CREATE INDEX `audit_log_tenant_action` ON `audit_log` (`tenant_id`,`action`,`id`);
--> statement-breakpoint
CREATE INDEX `audit_log_tenant_actor` ON `audit_log` (`tenant_id`,`actor_id`,`id`);
--> statement-breakpoint
CREATE INDEX `audit_log_tenant_target` ON `audit_log` (`tenant_id`,`target_type`,`id`);
--> statement-breakpoint
CREATE VIRTUAL TABLE `messages_fts` USING fts5(
	`text`,
	`conversation_id` UNINDEXED,
	`tenant_id`,
	tokenize = 'unicode61 remove_diacritics 2'
);
--> statement-breakpoint
INSERT INTO `messages_fts` (`rowid`, `text`, `conversation_id`, `tenant_id`) SELECT `rowid`, `text`, `conversation_id`, `tenant_id` FROM `messages` WHERE `text` IS NOT NULL AND `text` != '';
--> statement-breakpoint
CREATE TRIGGER `messages_fts_insert` AFTER INSERT ON `messages` WHEN NEW.`text` IS NOT NULL AND NEW.`text` != '' BEGIN
	INSERT INTO `messages_fts` (`rowid`, `text`, `conversation_id`, `tenant_id`) VALUES (NEW.`rowid`, NEW.`text`, NEW.`conversation_id`, NEW.`tenant_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `messages_fts_update` AFTER UPDATE OF `text` ON `messages` BEGIN
	DELETE FROM `messages_fts` WHERE `rowid` = OLD.`rowid`;
	INSERT INTO `messages_fts` (`rowid`, `text`, `conversation_id`, `tenant_id`) SELECT NEW.`rowid`, NEW.`text`, NEW.`conversation_id`, NEW.`tenant_id` WHERE NEW.`text` IS NOT NULL AND NEW.`text` != '';
END;
--> statement-breakpoint
CREATE TRIGGER `messages_fts_delete` AFTER DELETE ON `messages` BEGIN
	DELETE FROM `messages_fts` WHERE `rowid` = OLD.`rowid`;
END;
