CREATE TABLE `conversation_notes` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`conversation_id` text NOT NULL,
	`author_type` text NOT NULL,
	`author_id` text,
	`author_user_id` text,
	`text` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `conversation_notes_conversation` ON `conversation_notes` (`tenant_id`,`conversation_id`,`id`);--> statement-breakpoint
CREATE TABLE `message_templates` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`source` text NOT NULL,
	`channel_id` text,
	`provider_template_id` text,
	`name` text NOT NULL,
	`language` text NOT NULL,
	`category` text NOT NULL,
	`components` text DEFAULT '[]' NOT NULL,
	`status` text NOT NULL,
	`synced_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `message_templates_tenant` ON `message_templates` (`tenant_id`,`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `message_templates_local_name` ON `message_templates` (`tenant_id`,`name`,`language`) WHERE channel_id IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `message_templates_channel_name` ON `message_templates` (`channel_id`,`name`,`language`) WHERE channel_id IS NOT NULL;--> statement-breakpoint
CREATE TABLE `quick_replies` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`shortcut` text NOT NULL,
	`title` text NOT NULL,
	`text` text NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `quick_replies_tenant_shortcut` ON `quick_replies` (`tenant_id`,`shortcut`);--> statement-breakpoint
CREATE INDEX `quick_replies_tenant` ON `quick_replies` (`tenant_id`,`id`);--> statement-breakpoint
CREATE INDEX `messages_queued` ON `messages` (`updated_at`) WHERE status = 'queued';