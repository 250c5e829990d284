CREATE TABLE `pending_statuses` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`channel_id` text NOT NULL,
	`provider_message_id` text NOT NULL,
	`status` text NOT NULL,
	`error_code` text,
	`error_title` text,
	`error_detail` text,
	`provider_timestamp` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `pending_statuses_lookup` ON `pending_statuses` (`channel_id`,`provider_message_id`);--> statement-breakpoint
CREATE INDEX `pending_statuses_created` ON `pending_statuses` (`created_at`);--> statement-breakpoint
CREATE TABLE `webhook_payloads` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`channel_id` text NOT NULL,
	`body` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `webhook_payloads_created` ON `webhook_payloads` (`created_at`);