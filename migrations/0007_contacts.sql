CREATE TABLE `contact_import_errors` (
	`import_id` text NOT NULL,
	`ord` integer NOT NULL,
	`tenant_id` text NOT NULL,
	`row` integer NOT NULL,
	`column` text,
	`reason` text NOT NULL,
	PRIMARY KEY(`import_id`, `ord`),
	FOREIGN KEY (`import_id`) REFERENCES `contact_imports`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `contact_import_slices` (
	`import_id` text NOT NULL,
	`seq` integer NOT NULL,
	`tenant_id` text NOT NULL,
	`row_count` integer NOT NULL,
	`data` text,
	`claim` text,
	`done_at` integer,
	PRIMARY KEY(`import_id`, `seq`),
	FOREIGN KEY (`import_id`) REFERENCES `contact_imports`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `contact_import_slices_tenant` ON `contact_import_slices` (`tenant_id`,`done_at`);--> statement-breakpoint
CREATE TABLE `contact_imports` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`status` text NOT NULL,
	`file_name` text,
	`total_rows` integer NOT NULL,
	`contact_rows` integer NOT NULL,
	`duplicate_rows` integer NOT NULL,
	`error_rows` integer NOT NULL,
	`processed_rows` integer DEFAULT 0 NOT NULL,
	`created_count` integer DEFAULT 0 NOT NULL,
	`updated_count` integer DEFAULT 0 NOT NULL,
	`slice_count` integer NOT NULL,
	`slices_done` integer DEFAULT 0 NOT NULL,
	`ignored_columns` text NOT NULL,
	`error` text,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`completed_at` integer,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `contact_imports_tenant` ON `contact_imports` (`tenant_id`,`id`);--> statement-breakpoint
CREATE TABLE `contact_tags` (
	`tenant_id` text NOT NULL,
	`tag_id` text NOT NULL,
	`contact_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `tag_id`, `contact_id`),
	FOREIGN KEY (`tag_id`) REFERENCES `tags`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `contact_tags_contact` ON `contact_tags` (`contact_id`);--> statement-breakpoint
CREATE TABLE `custom_fields` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`key` text NOT NULL,
	`label` text NOT NULL,
	`type` text NOT NULL,
	`options` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `custom_fields_tenant_key` ON `custom_fields` (`tenant_id`,`key`);--> statement-breakpoint
CREATE INDEX `custom_fields_tenant` ON `custom_fields` (`tenant_id`,`id`);--> statement-breakpoint
CREATE TABLE `tags` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`name` text NOT NULL,
	`name_key` text NOT NULL,
	`color` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tags_tenant_name_key` ON `tags` (`tenant_id`,`name_key`);--> statement-breakpoint
CREATE INDEX `tags_tenant` ON `tags` (`tenant_id`,`id`);--> statement-breakpoint
ALTER TABLE `contacts` ADD `erased_at` integer;--> statement-breakpoint
CREATE INDEX `contacts_tenant_last_message` ON `contacts` (`tenant_id`,`last_message_at`,`id`);--> statement-breakpoint
CREATE INDEX `contacts_tenant_score` ON `contacts` (`tenant_id`,`lead_score`,`id`);--> statement-breakpoint
CREATE INDEX `contacts_tenant_stage` ON `contacts` (`tenant_id`,`stage`,`id`);--> statement-breakpoint
CREATE INDEX `contacts_tenant_opted_out` ON `contacts` (`tenant_id`,`opted_out`,`id`);