CREATE TABLE `campaigns` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`name` text NOT NULL,
	`channel_id` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`audience` text NOT NULL,
	`message` text NOT NULL,
	`rate_per_second` real NOT NULL,
	`current_rate` real NOT NULL,
	`quiet_hours` text,
	`reply_window_hours` integer DEFAULT 72 NOT NULL,
	`scheduled_at` integer,
	`audience_count` integer DEFAULT 0 NOT NULL,
	`paused_reason` text,
	`dispatched` integer DEFAULT 0 NOT NULL,
	`pacer_started_at` integer,
	`slowed_at` integer,
	`started_at` integer,
	`completed_at` integer,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `campaigns_tenant` ON `campaigns` (`tenant_id`,`id`);--> statement-breakpoint
CREATE INDEX `campaigns_scheduled` ON `campaigns` (`scheduled_at`) WHERE status = 'scheduled';--> statement-breakpoint
CREATE INDEX `campaigns_sending` ON `campaigns` (`status`) WHERE status = 'sending';--> statement-breakpoint
CREATE TABLE `campaign_recipients` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`campaign_id` text NOT NULL,
	`contact_id` text NOT NULL,
	`phone` text NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`message_id` text,
	`error_code` text,
	`error_title` text,
	`queued_at` integer,
	`sent_at` integer,
	`replied_at` integer,
	`converted_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `campaign_recipients_campaign_contact` ON `campaign_recipients` (`campaign_id`,`contact_id`);--> statement-breakpoint
CREATE INDEX `campaign_recipients_campaign_state` ON `campaign_recipients` (`campaign_id`,`state`,`id`);--> statement-breakpoint
CREATE INDEX `campaign_recipients_tenant_contact` ON `campaign_recipients` (`tenant_id`,`contact_id`,`queued_at`);--> statement-breakpoint
ALTER TABLE `messages` ADD `campaign_id` text;--> statement-breakpoint
CREATE INDEX `messages_campaign` ON `messages` (`campaign_id`) WHERE campaign_id IS NOT NULL;--> statement-breakpoint
ALTER TABLE `contacts` ADD `marketing_opted_out_at` integer;
