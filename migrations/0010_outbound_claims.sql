ALTER TABLE `messages` ADD `lease_until` integer;--> statement-breakpoint
CREATE INDEX `messages_sending` ON `messages` (`lease_until`) WHERE status = 'sending';--> statement-breakpoint
CREATE INDEX `messages_conversation_time` ON `messages` (`tenant_id`,`conversation_id`,coalesce(provider_timestamp, created_at),`id`);
