ALTER TABLE `bookings` ADD `sequence` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE TABLE `calendar_feeds` (
	`tenant_id` text PRIMARY KEY NOT NULL,
	`token_hash` text NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `bookings` ADD `reminder_at` integer;--> statement-breakpoint
ALTER TABLE `bookings` ADD `reminder_result` text;--> statement-breakpoint
CREATE INDEX `bookings_reminder_due` ON `bookings` (`starts_at`) WHERE status = 'confirmed' AND reminder_at IS NULL;
