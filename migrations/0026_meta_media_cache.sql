CREATE TABLE `meta_media_ids` (
	`tenant_id` text NOT NULL,
	`channel_id` text NOT NULL,
	`phone_number_id` text NOT NULL,
	`sha256` text NOT NULL,
	`media_id` text NOT NULL,
	`expires_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `channel_id`, `phone_number_id`, `sha256`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `meta_media_ids_expires` ON `meta_media_ids` (`expires_at`);
