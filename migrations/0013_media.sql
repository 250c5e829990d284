CREATE TABLE `media` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`origin` text NOT NULL,
	`channel_id` text,
	`contact_id` text,
	`message_id` text,
	`type` text NOT NULL,
	`status` text NOT NULL,
	`mime_type` text,
	`size` integer,
	`file_name` text,
	`sha256` text,
	`r2_key` text,
	`provider_media_id` text,
	`provider_url` text,
	`voice` integer DEFAULT false NOT NULL,
	`error` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `media_tenant` ON `media` (`tenant_id`,`id`);--> statement-breakpoint
CREATE INDEX `media_tenant_contact` ON `media` (`tenant_id`,`contact_id`);--> statement-breakpoint
CREATE INDEX `media_pending` ON `media` (`status`,`updated_at`);--> statement-breakpoint
ALTER TABLE `messages` ADD `media_id` text;--> statement-breakpoint
ALTER TABLE `messages` ADD `transcript` text;
