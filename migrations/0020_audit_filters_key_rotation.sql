ALTER TABLE `api_keys` ADD `expires_at` integer;
--> statement-breakpoint
ALTER TABLE `api_keys` ADD `replaced_by` text;
--> statement-breakpoint
CREATE INDEX `api_keys_expiry` ON `api_keys` (`expires_at`);
--> statement-breakpoint
CREATE INDEX `audit_log_tenant_action` ON `audit_log` (`tenant_id`,`action`,`id`);
--> statement-breakpoint
CREATE INDEX `audit_log_tenant_actor` ON `audit_log` (`tenant_id`,`actor_id`,`id`);
--> statement-breakpoint
CREATE INDEX `audit_log_tenant_target` ON `audit_log` (`tenant_id`,`target_type`,`id`);
