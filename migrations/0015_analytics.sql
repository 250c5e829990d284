-- Daily analytics: per-tenant counters in 15-minute UTC buckets (every time
-- zone's day boundary falls on one), kept current by the triggers below on the
-- raw rows, so every write path counts exactly once (a redelivered message that
-- is not stored again changes nothing). worker/analytics/ sums buckets into the
-- tenant's local days and can rebuild them from the raw rows.
ALTER TABLE `conversations` ADD `handed_off_at` integer;
--> statement-breakpoint
ALTER TABLE `contacts` ADD `qualified_at` integer;
--> statement-breakpoint
UPDATE `conversations` SET `handed_off_at` = `updated_at` WHERE `mode` = 'human';
--> statement-breakpoint
UPDATE `contacts` SET `qualified_at` = `updated_at` WHERE `stage` = 'qualified';
--> statement-breakpoint
CREATE TABLE `analytics_buckets` (
	`tenant_id` text NOT NULL,
	`bucket` integer NOT NULL,
	`conversations_new` integer DEFAULT 0 NOT NULL,
	`conversations_handed_off` integer DEFAULT 0 NOT NULL,
	`conversations_closed` integer DEFAULT 0 NOT NULL,
	`messages_inbound` integer DEFAULT 0 NOT NULL,
	`messages_bot` integer DEFAULT 0 NOT NULL,
	`messages_agent` integer DEFAULT 0 NOT NULL,
	`messages_campaign` integer DEFAULT 0 NOT NULL,
	`messages_delivered` integer DEFAULT 0 NOT NULL,
	`messages_read` integer DEFAULT 0 NOT NULL,
	`messages_failed` integer DEFAULT 0 NOT NULL,
	`campaigns_sent` integer DEFAULT 0 NOT NULL,
	`campaigns_delivered` integer DEFAULT 0 NOT NULL,
	`campaigns_read` integer DEFAULT 0 NOT NULL,
	`campaigns_replied` integer DEFAULT 0 NOT NULL,
	`assistant_answered` integer DEFAULT 0 NOT NULL,
	`assistant_unanswered` integer DEFAULT 0 NOT NULL,
	`leads_new_contacts` integer DEFAULT 0 NOT NULL,
	`leads_qualified` integer DEFAULT 0 NOT NULL,
	`leads_booked` integer DEFAULT 0 NOT NULL,
	`credits_used` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`tenant_id`, `bucket`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `analytics_response_times` (
	`message_id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`kind` text NOT NULL,
	`at` integer NOT NULL,
	`ms` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `analytics_response_times_tenant` ON `analytics_response_times` (`tenant_id`,`kind`,`at`,`ms`);
--> statement-breakpoint
CREATE TABLE `analytics_state` (
	`tenant_id` text PRIMARY KEY NOT NULL,
	`rebuilt_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `messages_conversation_created` ON `messages` (`conversation_id`,`created_at`);
--> statement-breakpoint
CREATE TRIGGER `analytics_messages_insert` AFTER INSERT ON `messages` BEGIN
	INSERT INTO analytics_buckets (tenant_id, bucket, messages_inbound, messages_bot, messages_agent, messages_campaign, messages_delivered, messages_read, messages_failed, campaigns_sent, campaigns_delivered, campaigns_read, assistant_answered) VALUES (NEW.tenant_id, ((NEW.created_at / 900000) * 900000), +(CASE WHEN NEW.direction = 'inbound' THEN 1 ELSE 0 END), +(CASE WHEN NEW.direction = 'outbound' AND NEW.author = 'bot' THEN 1 ELSE 0 END), +(CASE WHEN NEW.direction = 'outbound' AND NEW.author = 'agent' THEN 1 ELSE 0 END), +(CASE WHEN NEW.direction = 'outbound' AND NEW.author = 'campaign' THEN 1 ELSE 0 END), +(CASE WHEN (NEW.direction = 'outbound' AND NEW.status IN ('delivered', 'read', 'played')) THEN 1 ELSE 0 END), +(CASE WHEN NEW.direction = 'outbound' AND NEW.status IN ('read', 'played') THEN 1 ELSE 0 END), +(CASE WHEN NEW.direction = 'outbound' AND NEW.status = 'failed' THEN 1 ELSE 0 END), +(CASE WHEN NEW.author = 'campaign' AND NEW.status IN ('sent', 'delivered', 'read', 'played') THEN 1 ELSE 0 END), +(CASE WHEN NEW.author = 'campaign' AND NEW.status IN ('delivered', 'read', 'played') THEN 1 ELSE 0 END), +(CASE WHEN NEW.author = 'campaign' AND NEW.status IN ('read', 'played') THEN 1 ELSE 0 END), +(CASE WHEN NEW.direction = 'outbound' AND NEW.author = 'bot' AND json_valid(NEW.payload) AND coalesce(json_array_length(NEW.payload, '$.sources'), 0) > 0 THEN 1 ELSE 0 END))
		ON CONFLICT (tenant_id, bucket) DO UPDATE SET messages_inbound = messages_inbound + excluded.messages_inbound, messages_bot = messages_bot + excluded.messages_bot, messages_agent = messages_agent + excluded.messages_agent, messages_campaign = messages_campaign + excluded.messages_campaign, messages_delivered = messages_delivered + excluded.messages_delivered, messages_read = messages_read + excluded.messages_read, messages_failed = messages_failed + excluded.messages_failed, campaigns_sent = campaigns_sent + excluded.campaigns_sent, campaigns_delivered = campaigns_delivered + excluded.campaigns_delivered, campaigns_read = campaigns_read + excluded.campaigns_read, assistant_answered = assistant_answered + excluded.assistant_answered;
END;
--> statement-breakpoint
CREATE TRIGGER `analytics_messages_status` AFTER UPDATE OF `status` ON `messages` WHEN OLD.status != NEW.status BEGIN
	INSERT INTO analytics_buckets (tenant_id, bucket, messages_delivered, messages_read, messages_failed, campaigns_sent, campaigns_delivered, campaigns_read) VALUES (NEW.tenant_id, ((NEW.created_at / 900000) * 900000), +(CASE WHEN (NEW.direction = 'outbound' AND NEW.status IN ('delivered', 'read', 'played')) THEN 1 ELSE 0 END) -(CASE WHEN (OLD.direction = 'outbound' AND OLD.status IN ('delivered', 'read', 'played')) THEN 1 ELSE 0 END), +(CASE WHEN NEW.direction = 'outbound' AND NEW.status IN ('read', 'played') THEN 1 ELSE 0 END) -(CASE WHEN OLD.direction = 'outbound' AND OLD.status IN ('read', 'played') THEN 1 ELSE 0 END), +(CASE WHEN NEW.direction = 'outbound' AND NEW.status = 'failed' THEN 1 ELSE 0 END) -(CASE WHEN OLD.direction = 'outbound' AND OLD.status = 'failed' THEN 1 ELSE 0 END), +(CASE WHEN NEW.author = 'campaign' AND NEW.status IN ('sent', 'delivered', 'read', 'played') THEN 1 ELSE 0 END) -(CASE WHEN OLD.author = 'campaign' AND OLD.status IN ('sent', 'delivered', 'read', 'played') THEN 1 ELSE 0 END), +(CASE WHEN NEW.author = 'campaign' AND NEW.status IN ('delivered', 'read', 'played') THEN 1 ELSE 0 END) -(CASE WHEN OLD.author = 'campaign' AND OLD.status IN ('delivered', 'read', 'played') THEN 1 ELSE 0 END), +(CASE WHEN NEW.author = 'campaign' AND NEW.status IN ('read', 'played') THEN 1 ELSE 0 END) -(CASE WHEN OLD.author = 'campaign' AND OLD.status IN ('read', 'played') THEN 1 ELSE 0 END))
		ON CONFLICT (tenant_id, bucket) DO UPDATE SET messages_delivered = messages_delivered + excluded.messages_delivered, messages_read = messages_read + excluded.messages_read, messages_failed = messages_failed + excluded.messages_failed, campaigns_sent = campaigns_sent + excluded.campaigns_sent, campaigns_delivered = campaigns_delivered + excluded.campaigns_delivered, campaigns_read = campaigns_read + excluded.campaigns_read;
END;
--> statement-breakpoint
CREATE TRIGGER `analytics_messages_delete` AFTER DELETE ON `messages` BEGIN
	INSERT INTO analytics_buckets (tenant_id, bucket, messages_inbound, messages_bot, messages_agent, messages_campaign, messages_delivered, messages_read, messages_failed, campaigns_sent, campaigns_delivered, campaigns_read, assistant_answered) VALUES (OLD.tenant_id, ((OLD.created_at / 900000) * 900000), -(CASE WHEN OLD.direction = 'inbound' THEN 1 ELSE 0 END), -(CASE WHEN OLD.direction = 'outbound' AND OLD.author = 'bot' THEN 1 ELSE 0 END), -(CASE WHEN OLD.direction = 'outbound' AND OLD.author = 'agent' THEN 1 ELSE 0 END), -(CASE WHEN OLD.direction = 'outbound' AND OLD.author = 'campaign' THEN 1 ELSE 0 END), -(CASE WHEN (OLD.direction = 'outbound' AND OLD.status IN ('delivered', 'read', 'played')) THEN 1 ELSE 0 END), -(CASE WHEN OLD.direction = 'outbound' AND OLD.status IN ('read', 'played') THEN 1 ELSE 0 END), -(CASE WHEN OLD.direction = 'outbound' AND OLD.status = 'failed' THEN 1 ELSE 0 END), -(CASE WHEN OLD.author = 'campaign' AND OLD.status IN ('sent', 'delivered', 'read', 'played') THEN 1 ELSE 0 END), -(CASE WHEN OLD.author = 'campaign' AND OLD.status IN ('delivered', 'read', 'played') THEN 1 ELSE 0 END), -(CASE WHEN OLD.author = 'campaign' AND OLD.status IN ('read', 'played') THEN 1 ELSE 0 END), -(CASE WHEN OLD.direction = 'outbound' AND OLD.author = 'bot' AND json_valid(OLD.payload) AND coalesce(json_array_length(OLD.payload, '$.sources'), 0) > 0 THEN 1 ELSE 0 END))
		ON CONFLICT (tenant_id, bucket) DO UPDATE SET messages_inbound = messages_inbound + excluded.messages_inbound, messages_bot = messages_bot + excluded.messages_bot, messages_agent = messages_agent + excluded.messages_agent, messages_campaign = messages_campaign + excluded.messages_campaign, messages_delivered = messages_delivered + excluded.messages_delivered, messages_read = messages_read + excluded.messages_read, messages_failed = messages_failed + excluded.messages_failed, campaigns_sent = campaigns_sent + excluded.campaigns_sent, campaigns_delivered = campaigns_delivered + excluded.campaigns_delivered, campaigns_read = campaigns_read + excluded.campaigns_read, assistant_answered = assistant_answered + excluded.assistant_answered;
	DELETE FROM analytics_response_times WHERE message_id = OLD.id;
END;
--> statement-breakpoint
CREATE TRIGGER `analytics_messages_response` AFTER INSERT ON `messages` WHEN NEW.direction = 'outbound' AND NEW.author IN ('bot', 'agent') BEGIN
	INSERT OR IGNORE INTO analytics_response_times (message_id, tenant_id, kind, at, ms)
		SELECT NEW.id, NEW.tenant_id, CASE NEW.author WHEN 'bot' THEN 'bot' ELSE 'human' END, NEW.created_at, NEW.created_at - w.started
		FROM (SELECT min(i.created_at) AS started FROM messages i
			WHERE i.conversation_id = NEW.conversation_id AND i.direction = 'inbound' AND i.created_at <= NEW.created_at
			AND i.created_at > coalesce((SELECT max(r.created_at) FROM messages r WHERE r.conversation_id = NEW.conversation_id AND r.direction = 'outbound' AND (r.author = 'agent' OR (NEW.author = 'bot' AND r.author = 'bot')) AND r.id != NEW.id AND r.created_at <= NEW.created_at), -1)) w
		WHERE w.started IS NOT NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `analytics_campaign_replied` AFTER INSERT ON `messages` WHEN NEW.direction = 'inbound' BEGIN
	INSERT INTO analytics_buckets (tenant_id, bucket, campaigns_replied)
		SELECT NEW.tenant_id, ((c.created_at / 900000) * 900000), 1
		FROM (SELECT m.created_at, (SELECT min(n.created_at) FROM messages n WHERE n.conversation_id = NEW.conversation_id AND n.author = 'campaign' AND n.created_at > m.created_at) AS next_at
			FROM messages m WHERE m.conversation_id = NEW.conversation_id AND m.author = 'campaign' AND m.created_at <= NEW.created_at
			ORDER BY m.created_at DESC LIMIT 1) c
		WHERE NOT EXISTS (SELECT 1 FROM messages o WHERE o.conversation_id = NEW.conversation_id AND o.direction = 'inbound' AND o.id != NEW.id
			AND o.created_at >= c.created_at AND (c.next_at IS NULL OR o.created_at < c.next_at))
		ON CONFLICT (tenant_id, bucket) DO UPDATE SET campaigns_replied = campaigns_replied + excluded.campaigns_replied;
END;
--> statement-breakpoint
CREATE TRIGGER `analytics_conversations_insert` AFTER INSERT ON `conversations` BEGIN
	INSERT INTO analytics_buckets (tenant_id, bucket, conversations_new, conversations_handed_off, conversations_closed) VALUES (NEW.tenant_id, ((NEW.created_at / 900000) * 900000), +1, +(CASE WHEN NEW.handed_off_at IS NOT NULL THEN 1 ELSE 0 END), +(CASE WHEN NEW.status = 'closed' THEN 1 ELSE 0 END))
		ON CONFLICT (tenant_id, bucket) DO UPDATE SET conversations_new = conversations_new + excluded.conversations_new, conversations_handed_off = conversations_handed_off + excluded.conversations_handed_off, conversations_closed = conversations_closed + excluded.conversations_closed;
	UPDATE conversations SET handed_off_at = NEW.created_at WHERE id = NEW.id AND NEW.mode = 'human' AND handed_off_at IS NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `analytics_conversations_handoff` AFTER UPDATE OF `mode` ON `conversations` WHEN NEW.mode = 'human' AND NEW.handed_off_at IS NULL BEGIN
	UPDATE conversations SET handed_off_at = NEW.updated_at WHERE id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER `analytics_conversations_state` AFTER UPDATE OF `status`, `handed_off_at` ON `conversations` WHEN OLD.status IS NOT NEW.status OR (OLD.handed_off_at IS NULL) != (NEW.handed_off_at IS NULL) BEGIN
	INSERT INTO analytics_buckets (tenant_id, bucket, conversations_handed_off, conversations_closed) VALUES (NEW.tenant_id, ((NEW.created_at / 900000) * 900000), +(CASE WHEN NEW.handed_off_at IS NOT NULL THEN 1 ELSE 0 END) -(CASE WHEN OLD.handed_off_at IS NOT NULL THEN 1 ELSE 0 END), +(CASE WHEN NEW.status = 'closed' THEN 1 ELSE 0 END) -(CASE WHEN OLD.status = 'closed' THEN 1 ELSE 0 END))
		ON CONFLICT (tenant_id, bucket) DO UPDATE SET conversations_handed_off = conversations_handed_off + excluded.conversations_handed_off, conversations_closed = conversations_closed + excluded.conversations_closed;
END;
--> statement-breakpoint
CREATE TRIGGER `analytics_conversations_delete` AFTER DELETE ON `conversations` BEGIN
	INSERT INTO analytics_buckets (tenant_id, bucket, conversations_new, conversations_handed_off, conversations_closed) VALUES (OLD.tenant_id, ((OLD.created_at / 900000) * 900000), -1, -(CASE WHEN OLD.handed_off_at IS NOT NULL THEN 1 ELSE 0 END), -(CASE WHEN OLD.status = 'closed' THEN 1 ELSE 0 END))
		ON CONFLICT (tenant_id, bucket) DO UPDATE SET conversations_new = conversations_new + excluded.conversations_new, conversations_handed_off = conversations_handed_off + excluded.conversations_handed_off, conversations_closed = conversations_closed + excluded.conversations_closed;
END;
--> statement-breakpoint
CREATE TRIGGER `analytics_contacts_insert` AFTER INSERT ON `contacts` BEGIN
	INSERT INTO analytics_buckets (tenant_id, bucket, leads_new_contacts) VALUES (NEW.tenant_id, ((NEW.created_at / 900000) * 900000), 1)
		ON CONFLICT (tenant_id, bucket) DO UPDATE SET leads_new_contacts = leads_new_contacts + excluded.leads_new_contacts;
	INSERT INTO analytics_buckets (tenant_id, bucket, leads_qualified) SELECT NEW.tenant_id, ((NEW.qualified_at / 900000) * 900000), 1 WHERE NEW.qualified_at IS NOT NULL
		ON CONFLICT (tenant_id, bucket) DO UPDATE SET leads_qualified = leads_qualified + excluded.leads_qualified;
	UPDATE contacts SET qualified_at = NEW.created_at WHERE id = NEW.id AND NEW.stage = 'qualified' AND qualified_at IS NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `analytics_contacts_qualified` AFTER UPDATE OF `stage` ON `contacts` WHEN NEW.stage = 'qualified' AND NEW.qualified_at IS NULL BEGIN
	UPDATE contacts SET qualified_at = NEW.updated_at WHERE id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER `analytics_contacts_qualified_at` AFTER UPDATE OF `qualified_at` ON `contacts` WHEN OLD.qualified_at IS NOT NEW.qualified_at BEGIN
	INSERT INTO analytics_buckets (tenant_id, bucket, leads_qualified) SELECT OLD.tenant_id, ((OLD.qualified_at / 900000) * 900000), -1 WHERE OLD.qualified_at IS NOT NULL
		ON CONFLICT (tenant_id, bucket) DO UPDATE SET leads_qualified = leads_qualified + excluded.leads_qualified;
	INSERT INTO analytics_buckets (tenant_id, bucket, leads_qualified) SELECT NEW.tenant_id, ((NEW.qualified_at / 900000) * 900000), 1 WHERE NEW.qualified_at IS NOT NULL
		ON CONFLICT (tenant_id, bucket) DO UPDATE SET leads_qualified = leads_qualified + excluded.leads_qualified;
END;
--> statement-breakpoint
CREATE TRIGGER `analytics_contacts_delete` AFTER DELETE ON `contacts` BEGIN
	INSERT INTO analytics_buckets (tenant_id, bucket, leads_new_contacts) VALUES (OLD.tenant_id, ((OLD.created_at / 900000) * 900000), -1)
		ON CONFLICT (tenant_id, bucket) DO UPDATE SET leads_new_contacts = leads_new_contacts + excluded.leads_new_contacts;
	INSERT INTO analytics_buckets (tenant_id, bucket, leads_qualified) SELECT OLD.tenant_id, ((OLD.qualified_at / 900000) * 900000), -1 WHERE OLD.qualified_at IS NOT NULL
		ON CONFLICT (tenant_id, bucket) DO UPDATE SET leads_qualified = leads_qualified + excluded.leads_qualified;
END;
--> statement-breakpoint
CREATE TRIGGER `analytics_bookings_insert` AFTER INSERT ON `bookings` BEGIN
	INSERT INTO analytics_buckets (tenant_id, bucket, leads_booked) VALUES (NEW.tenant_id, ((NEW.created_at / 900000) * 900000), +(CASE WHEN NEW.status = 'confirmed' THEN 1 ELSE 0 END))
		ON CONFLICT (tenant_id, bucket) DO UPDATE SET leads_booked = leads_booked + excluded.leads_booked;
END;
--> statement-breakpoint
CREATE TRIGGER `analytics_bookings_status` AFTER UPDATE OF `status` ON `bookings` WHEN OLD.status != NEW.status BEGIN
	INSERT INTO analytics_buckets (tenant_id, bucket, leads_booked) VALUES (NEW.tenant_id, ((NEW.created_at / 900000) * 900000), +(CASE WHEN NEW.status = 'confirmed' THEN 1 ELSE 0 END) -(CASE WHEN OLD.status = 'confirmed' THEN 1 ELSE 0 END))
		ON CONFLICT (tenant_id, bucket) DO UPDATE SET leads_booked = leads_booked + excluded.leads_booked;
END;
--> statement-breakpoint
CREATE TRIGGER `analytics_bookings_delete` AFTER DELETE ON `bookings` BEGIN
	INSERT INTO analytics_buckets (tenant_id, bucket, leads_booked) VALUES (OLD.tenant_id, ((OLD.created_at / 900000) * 900000), -(CASE WHEN OLD.status = 'confirmed' THEN 1 ELSE 0 END))
		ON CONFLICT (tenant_id, bucket) DO UPDATE SET leads_booked = leads_booked + excluded.leads_booked;
END;
--> statement-breakpoint
CREATE TRIGGER `analytics_gaps_insert` AFTER INSERT ON `knowledge_gaps` BEGIN
	INSERT INTO analytics_buckets (tenant_id, bucket, assistant_unanswered) VALUES (NEW.tenant_id, ((NEW.created_at / 900000) * 900000), 1)
		ON CONFLICT (tenant_id, bucket) DO UPDATE SET assistant_unanswered = assistant_unanswered + excluded.assistant_unanswered;
END;
--> statement-breakpoint
CREATE TRIGGER `analytics_gaps_delete` AFTER DELETE ON `knowledge_gaps` BEGIN
	INSERT INTO analytics_buckets (tenant_id, bucket, assistant_unanswered) VALUES (OLD.tenant_id, ((OLD.created_at / 900000) * 900000), -1)
		ON CONFLICT (tenant_id, bucket) DO UPDATE SET assistant_unanswered = assistant_unanswered + excluded.assistant_unanswered;
END;
--> statement-breakpoint
CREATE TRIGGER `analytics_credits_insert` AFTER INSERT ON `credit_ledger` WHEN NEW.reason IN ('answer', 'refund') BEGIN
	INSERT INTO analytics_buckets (tenant_id, bucket, credits_used) VALUES (NEW.tenant_id, ((NEW.created_at / 900000) * 900000), -NEW.delta)
		ON CONFLICT (tenant_id, bucket) DO UPDATE SET credits_used = credits_used + excluded.credits_used;
END;
