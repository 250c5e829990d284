CREATE TABLE `knowledge_gaps` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`conversation_id` text NOT NULL,
	`message_id` text NOT NULL,
	`question` text NOT NULL,
	`normalized` text NOT NULL,
	`resolved_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `knowledge_gaps_message` ON `knowledge_gaps` (`tenant_id`,`message_id`);--> statement-breakpoint
CREATE INDEX `knowledge_gaps_tenant_time` ON `knowledge_gaps` (`tenant_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `knowledge_gaps_tenant_normalized` ON `knowledge_gaps` (`tenant_id`,`normalized`,`created_at`);
