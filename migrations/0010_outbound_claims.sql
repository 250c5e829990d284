ALTER TABLE `messages` ADD `lease_until` integer;--> statement-breakpoint
CREATE INDEX `messages_sending` ON `messages` (`lease_until`) WHERE status = 'sending';
