ALTER TABLE `contacts` ADD `lead_band` text DEFAULT 'cold' NOT NULL;--> statement-breakpoint
ALTER TABLE `contacts` ADD `score_breakdown` text;--> statement-breakpoint
ALTER TABLE `contacts` ADD `lead_state` text;--> statement-breakpoint
ALTER TABLE `contacts` ADD `score_updated_at` integer;--> statement-breakpoint
ALTER TABLE `messages` ADD `sentiment` real;--> statement-breakpoint
ALTER TABLE `messages` ADD `sentiment_label` text;--> statement-breakpoint
CREATE INDEX `contacts_score_decay` ON `contacts` (`score_updated_at`) WHERE lead_score > 0 OR lead_band != 'cold';
