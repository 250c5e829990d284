ALTER TABLE `channels` ADD `attention_kind` text;
--> statement-breakpoint
CREATE TABLE `emails` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text,
	`user_id` text,
	`kind` text NOT NULL,
	`dedupe_key` text NOT NULL,
	`to_email` text NOT NULL,
	`subject` text NOT NULL,
	`body` text,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer,
	`provider_message_id` text,
	`last_error` text,
	`sent_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `emails_dedupe` ON `emails` (`dedupe_key`,`to_email`);
--> statement-breakpoint
CREATE INDEX `emails_tenant` ON `emails` (`tenant_id`,`id`);
--> statement-breakpoint
CREATE INDEX `emails_user` ON `emails` (`user_id`,`id`);
--> statement-breakpoint
CREATE INDEX `emails_due` ON `emails` (`status`,`next_attempt_at`);
--> statement-breakpoint
CREATE TABLE `password_resets` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `password_resets_token_hash` ON `password_resets` (`token_hash`);
--> statement-breakpoint
CREATE INDEX `password_resets_user` ON `password_resets` (`user_id`);
--> statement-breakpoint
ALTER TABLE `message_templates` ADD `quality` text;
--> statement-breakpoint
ALTER TABLE `message_templates` ADD `status_reason` text;
