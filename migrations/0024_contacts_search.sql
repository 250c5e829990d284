-- Contact search without a scan: a trigram full-text index over each live
-- contact's name, email and WhatsApp id (the phone's digits). The tenant is an
-- indexed column too, so a search matches the tenant's id inside the index
-- (tenant first) rather than every tenant's rows. rowid is the contact's rowid.
-- Erased contacts are left out: erasure takes the row out of the index.
-- Searches of one or two characters, below a trigram, read the name and email
-- prefix indexes instead.
CREATE VIRTUAL TABLE `contacts_fts` USING fts5(
	`tenant_id`,
	`name`,
	`email`,
	`wa_id`,
	tokenize = 'trigram'
);
--> statement-breakpoint
INSERT INTO `contacts_fts` (`rowid`, `tenant_id`, `name`, `email`, `wa_id`) SELECT `rowid`, `tenant_id`, coalesce(`name`, ''), coalesce(`email`, ''), `wa_id` FROM `contacts` WHERE `erased_at` IS NULL;
--> statement-breakpoint
CREATE TRIGGER `contacts_fts_insert` AFTER INSERT ON `contacts` WHEN NEW.`erased_at` IS NULL BEGIN
	INSERT INTO `contacts_fts` (`rowid`, `tenant_id`, `name`, `email`, `wa_id`) VALUES (NEW.`rowid`, NEW.`tenant_id`, coalesce(NEW.`name`, ''), coalesce(NEW.`email`, ''), NEW.`wa_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `contacts_fts_update` AFTER UPDATE OF `tenant_id`, `name`, `email`, `wa_id`, `erased_at` ON `contacts`
WHEN OLD.`tenant_id` IS NOT NEW.`tenant_id` OR OLD.`name` IS NOT NEW.`name` OR OLD.`email` IS NOT NEW.`email` OR OLD.`wa_id` IS NOT NEW.`wa_id` OR OLD.`erased_at` IS NOT NEW.`erased_at` BEGIN
	DELETE FROM `contacts_fts` WHERE `rowid` = OLD.`rowid`;
	INSERT INTO `contacts_fts` (`rowid`, `tenant_id`, `name`, `email`, `wa_id`) SELECT NEW.`rowid`, NEW.`tenant_id`, coalesce(NEW.`name`, ''), coalesce(NEW.`email`, ''), NEW.`wa_id` WHERE NEW.`erased_at` IS NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `contacts_fts_delete` AFTER DELETE ON `contacts` BEGIN
	DELETE FROM `contacts_fts` WHERE `rowid` = OLD.`rowid`;
END;
--> statement-breakpoint
CREATE INDEX `contacts_tenant_name_key` ON `contacts` (`tenant_id`,lower("name")) WHERE erased_at IS NULL;
--> statement-breakpoint
CREATE INDEX `contacts_tenant_email_key` ON `contacts` (`tenant_id`,lower("email")) WHERE erased_at IS NULL;
