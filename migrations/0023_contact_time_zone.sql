ALTER TABLE `contacts` ADD `time_zone` text;--> statement-breakpoint
ALTER TABLE `campaign_recipients` ADD `time_zone` text;
