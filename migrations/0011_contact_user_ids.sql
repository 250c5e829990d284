ALTER TABLE `contacts` ADD `user_id` text;--> statement-breakpoint
ALTER TABLE `contacts` ADD `username` text;--> statement-breakpoint
CREATE UNIQUE INDEX `contacts_tenant_user_id` ON `contacts` (`tenant_id`,`user_id`) WHERE user_id IS NOT NULL;
