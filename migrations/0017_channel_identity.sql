ALTER TABLE `channels` ADD `verified_name` text;--> statement-breakpoint
ALTER TABLE `channels` ADD `graph_api_version` text;--> statement-breakpoint
ALTER TABLE `contacts` ADD `waha_lid` text;--> statement-breakpoint
CREATE UNIQUE INDEX `contacts_tenant_waha_lid` ON `contacts` (`tenant_id`,`waha_lid`) WHERE waha_lid IS NOT NULL;--> statement-breakpoint
ALTER TABLE `conversations` ADD `reply_chat_id` text;
