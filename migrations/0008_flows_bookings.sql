CREATE TABLE `bookings` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`contact_id` text NOT NULL,
	`conversation_id` text,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`status` text NOT NULL,
	`source` text NOT NULL,
	`note` text,
	`created_by` text,
	`cancelled_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bookings_tenant_start_confirmed` ON `bookings` (`tenant_id`,`starts_at`) WHERE status = 'confirmed';--> statement-breakpoint
CREATE INDEX `bookings_tenant_start` ON `bookings` (`tenant_id`,`starts_at`,`id`);--> statement-breakpoint
CREATE INDEX `bookings_tenant_contact` ON `bookings` (`tenant_id`,`contact_id`,`starts_at`);--> statement-breakpoint
CREATE TABLE `flow_answers` (
	`tenant_id` text NOT NULL,
	`contact_id` text NOT NULL,
	`step_key` text NOT NULL,
	`answer` text NOT NULL,
	`value` text NOT NULL,
	`points` integer NOT NULL,
	`message_id` text,
	`answered_at` integer NOT NULL,
	PRIMARY KEY(`contact_id`, `step_key`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `flow_answers_tenant_contact` ON `flow_answers` (`tenant_id`,`contact_id`);--> statement-breakpoint
CREATE TABLE `flows` (
	`tenant_id` text PRIMARY KEY NOT NULL,
	`definition` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `conversations` ADD `flow_step` text;--> statement-breakpoint
ALTER TABLE `conversations` ADD `flow_offer` text;