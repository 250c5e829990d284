CREATE TABLE `message_reactions` (
	`tenant_id` text NOT NULL,
	`channel_id` text NOT NULL,
	`target_provider_message_id` text NOT NULL,
	`contact_id` text NOT NULL,
	`emoji` text,
	`provider_message_id` text NOT NULL,
	`reacted_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `channel_id`, `target_provider_message_id`, `contact_id`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE cascade
);
