-- Response-time percentiles read in O(days): every sample also counts in a
-- histogram of fine response-time buckets (two significant digits: 0–99 ms
-- exact, then 100, 110, … 990, 1000, 1100, …) per UTC day, hour and quarter
-- hour. A range of local days is a few runs of those (whole days in the
-- middle, hours and quarters at the edges), so the percentile's bucket is
-- found from O(days) histogram rows and its exact value from the samples of
-- that one bucket in the range (worker/analytics/latency.ts).
ALTER TABLE `analytics_response_times` ADD `ms_bucket` integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
UPDATE `analytics_response_times` SET `ms_bucket` = CASE WHEN CAST(ms AS INTEGER) < 100 THEN CAST(ms AS INTEGER) WHEN CAST(ms AS INTEGER) < 1000 THEN (CAST(ms AS INTEGER) / 10) * 10 WHEN CAST(ms AS INTEGER) < 10000 THEN (CAST(ms AS INTEGER) / 100) * 100 WHEN CAST(ms AS INTEGER) < 100000 THEN (CAST(ms AS INTEGER) / 1000) * 1000 WHEN CAST(ms AS INTEGER) < 1000000 THEN (CAST(ms AS INTEGER) / 10000) * 10000 WHEN CAST(ms AS INTEGER) < 10000000 THEN (CAST(ms AS INTEGER) / 100000) * 100000 WHEN CAST(ms AS INTEGER) < 100000000 THEN (CAST(ms AS INTEGER) / 1000000) * 1000000 WHEN CAST(ms AS INTEGER) < 1000000000 THEN (CAST(ms AS INTEGER) / 10000000) * 10000000 WHEN CAST(ms AS INTEGER) < 10000000000 THEN (CAST(ms AS INTEGER) / 100000000) * 100000000 WHEN CAST(ms AS INTEGER) < 100000000000 THEN (CAST(ms AS INTEGER) / 1000000000) * 1000000000 WHEN CAST(ms AS INTEGER) < 1000000000000 THEN (CAST(ms AS INTEGER) / 10000000000) * 10000000000 WHEN CAST(ms AS INTEGER) < 10000000000000 THEN (CAST(ms AS INTEGER) / 100000000000) * 100000000000 ELSE (CAST(ms AS INTEGER) / 1000000000000) * 1000000000000 END;
--> statement-breakpoint
DROP INDEX `analytics_response_times_tenant`;
--> statement-breakpoint
CREATE INDEX `analytics_response_times_bucket` ON `analytics_response_times` (`tenant_id`,`kind`,`ms_bucket`,`at`,`ms`);
--> statement-breakpoint
CREATE TABLE `analytics_response_histogram` (
	`tenant_id` text NOT NULL,
	`kind` text NOT NULL,
	`span` integer NOT NULL,
	`start` integer NOT NULL,
	`ms_bucket` integer NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`tenant_id`, `kind`, `span`, `start`, `ms_bucket`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
INSERT INTO `analytics_response_histogram` (tenant_id, kind, span, start, ms_bucket, n)
	SELECT r.tenant_id, r.kind, s.span, (r.at / s.span) * s.span, r.ms_bucket, count(*) FROM `analytics_response_times` r, (SELECT 86400000 AS span UNION ALL SELECT 3600000 UNION ALL SELECT 900000) s GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
-- While a rebuild runs (in one batch) the histogram is recomputed from the samples in one statement, not row by row.
ALTER TABLE `analytics_state` ADD `rebuilding` integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
CREATE TRIGGER `analytics_response_times_insert` AFTER INSERT ON `analytics_response_times` WHEN NOT EXISTS (SELECT 1 FROM analytics_state WHERE tenant_id = NEW.tenant_id AND rebuilding = 1) BEGIN
	INSERT INTO analytics_response_histogram (tenant_id, kind, span, start, ms_bucket, n)
		SELECT NEW.tenant_id, NEW.kind, s.span, (NEW.at / s.span) * s.span, NEW.ms_bucket, 1 FROM (SELECT 86400000 AS span UNION ALL SELECT 3600000 UNION ALL SELECT 900000) s WHERE true
		ON CONFLICT (tenant_id, kind, span, start, ms_bucket) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `analytics_response_times_delete` AFTER DELETE ON `analytics_response_times` WHEN NOT EXISTS (SELECT 1 FROM analytics_state WHERE tenant_id = OLD.tenant_id AND rebuilding = 1) BEGIN
	UPDATE analytics_response_histogram SET n = n - 1 WHERE tenant_id = OLD.tenant_id AND kind = OLD.kind AND span = 86400000 AND start = (OLD.at / 86400000) * 86400000 AND ms_bucket = OLD.ms_bucket;
	UPDATE analytics_response_histogram SET n = n - 1 WHERE tenant_id = OLD.tenant_id AND kind = OLD.kind AND span = 3600000 AND start = (OLD.at / 3600000) * 3600000 AND ms_bucket = OLD.ms_bucket;
	UPDATE analytics_response_histogram SET n = n - 1 WHERE tenant_id = OLD.tenant_id AND kind = OLD.kind AND span = 900000 AND start = (OLD.at / 900000) * 900000 AND ms_bucket = OLD.ms_bucket;
END;
--> statement-breakpoint
DROP TRIGGER `analytics_messages_response`;
--> statement-breakpoint
CREATE TRIGGER `analytics_messages_response` AFTER INSERT ON `messages` WHEN NEW.direction = 'outbound' AND NEW.author IN ('bot', 'agent') BEGIN
	INSERT OR IGNORE INTO analytics_response_times (message_id, tenant_id, kind, at, ms, ms_bucket)
		SELECT NEW.id, NEW.tenant_id, CASE NEW.author WHEN 'bot' THEN 'bot' ELSE 'human' END, NEW.created_at, t.ms, CASE WHEN CAST(t.ms AS INTEGER) < 100 THEN CAST(t.ms AS INTEGER) WHEN CAST(t.ms AS INTEGER) < 1000 THEN (CAST(t.ms AS INTEGER) / 10) * 10 WHEN CAST(t.ms AS INTEGER) < 10000 THEN (CAST(t.ms AS INTEGER) / 100) * 100 WHEN CAST(t.ms AS INTEGER) < 100000 THEN (CAST(t.ms AS INTEGER) / 1000) * 1000 WHEN CAST(t.ms AS INTEGER) < 1000000 THEN (CAST(t.ms AS INTEGER) / 10000) * 10000 WHEN CAST(t.ms AS INTEGER) < 10000000 THEN (CAST(t.ms AS INTEGER) / 100000) * 100000 WHEN CAST(t.ms AS INTEGER) < 100000000 THEN (CAST(t.ms AS INTEGER) / 1000000) * 1000000 WHEN CAST(t.ms AS INTEGER) < 1000000000 THEN (CAST(t.ms AS INTEGER) / 10000000) * 10000000 WHEN CAST(t.ms AS INTEGER) < 10000000000 THEN (CAST(t.ms AS INTEGER) / 100000000) * 100000000 WHEN CAST(t.ms AS INTEGER) < 100000000000 THEN (CAST(t.ms AS INTEGER) / 1000000000) * 1000000000 WHEN CAST(t.ms AS INTEGER) < 1000000000000 THEN (CAST(t.ms AS INTEGER) / 10000000000) * 10000000000 WHEN CAST(t.ms AS INTEGER) < 10000000000000 THEN (CAST(t.ms AS INTEGER) / 100000000000) * 100000000000 ELSE (CAST(t.ms AS INTEGER) / 1000000000000) * 1000000000000 END
		FROM (SELECT NEW.created_at - min(i.created_at) AS ms FROM messages i
			WHERE i.conversation_id = NEW.conversation_id AND i.direction = 'inbound' AND i.created_at <= NEW.created_at
			AND i.created_at > coalesce((SELECT max(r.created_at) FROM messages r WHERE r.conversation_id = NEW.conversation_id AND r.direction = 'outbound' AND (r.author = 'agent' OR (NEW.author = 'bot' AND r.author = 'bot')) AND r.id != NEW.id AND r.created_at <= NEW.created_at), -1)) t
		WHERE t.ms IS NOT NULL;
END;
--> statement-breakpoint
-- Breakdowns: new conversations by channel and handed-off ones by the reason of
-- their first handoff (by the day the conversation started), failed outbound
-- messages by error code (by the day the message was stored). Counters per
-- 15-minute bucket and key, kept like analytics_buckets.
ALTER TABLE `conversations` ADD `handoff_reason` text;
--> statement-breakpoint
ALTER TABLE `contacts` ADD `flow_asked_at` integer;
--> statement-breakpoint
ALTER TABLE `contacts` ADD `flow_answered_at` integer;
--> statement-breakpoint
UPDATE `contacts` SET `flow_answered_at` = (SELECT min(a.answered_at) FROM `flow_answers` a WHERE a.contact_id = `contacts`.`id`) WHERE EXISTS (SELECT 1 FROM `flow_answers` a WHERE a.contact_id = `contacts`.`id`);
--> statement-breakpoint
UPDATE `contacts` SET `flow_asked_at` = `flow_answered_at` WHERE `flow_answered_at` IS NOT NULL;
--> statement-breakpoint
ALTER TABLE `analytics_buckets` ADD `messages_answered` integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
ALTER TABLE `analytics_buckets` ADD `leads_asked` integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
ALTER TABLE `analytics_buckets` ADD `leads_answered` integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
CREATE TABLE `analytics_breakdowns` (
	`tenant_id` text NOT NULL,
	`dimension` text NOT NULL,
	`bucket` integer NOT NULL,
	`key` text NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`tenant_id`, `dimension`, `bucket`, `key`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TRIGGER `analytics_breakdowns_conversations_insert` AFTER INSERT ON `conversations` BEGIN
	INSERT INTO analytics_breakdowns (tenant_id, dimension, bucket, key, n) VALUES (NEW.tenant_id, 'channel', (NEW.created_at / 900000) * 900000, NEW.channel_id, 1)
		ON CONFLICT (tenant_id, dimension, bucket, key) DO UPDATE SET n = n + 1;
	INSERT INTO analytics_breakdowns (tenant_id, dimension, bucket, key, n) SELECT NEW.tenant_id, 'handoff', (NEW.created_at / 900000) * 900000, coalesce(NEW.handoff_reason, 'agent'), 1 WHERE NEW.handed_off_at IS NOT NULL
		ON CONFLICT (tenant_id, dimension, bucket, key) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `analytics_breakdowns_conversations_handoff` AFTER UPDATE OF `handed_off_at`, `handoff_reason` ON `conversations` WHEN (OLD.handed_off_at IS NULL) != (NEW.handed_off_at IS NULL) OR OLD.handoff_reason IS NOT NEW.handoff_reason BEGIN
	INSERT INTO analytics_breakdowns (tenant_id, dimension, bucket, key, n) SELECT OLD.tenant_id, 'handoff', (OLD.created_at / 900000) * 900000, coalesce(OLD.handoff_reason, 'agent'), -1 WHERE OLD.handed_off_at IS NOT NULL
		ON CONFLICT (tenant_id, dimension, bucket, key) DO UPDATE SET n = n - 1;
	INSERT INTO analytics_breakdowns (tenant_id, dimension, bucket, key, n) SELECT NEW.tenant_id, 'handoff', (NEW.created_at / 900000) * 900000, coalesce(NEW.handoff_reason, 'agent'), 1 WHERE NEW.handed_off_at IS NOT NULL
		ON CONFLICT (tenant_id, dimension, bucket, key) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `analytics_breakdowns_conversations_delete` AFTER DELETE ON `conversations` BEGIN
	INSERT INTO analytics_breakdowns (tenant_id, dimension, bucket, key, n) VALUES (OLD.tenant_id, 'channel', (OLD.created_at / 900000) * 900000, OLD.channel_id, -1)
		ON CONFLICT (tenant_id, dimension, bucket, key) DO UPDATE SET n = n - 1;
	INSERT INTO analytics_breakdowns (tenant_id, dimension, bucket, key, n) SELECT OLD.tenant_id, 'handoff', (OLD.created_at / 900000) * 900000, coalesce(OLD.handoff_reason, 'agent'), -1 WHERE OLD.handed_off_at IS NOT NULL
		ON CONFLICT (tenant_id, dimension, bucket, key) DO UPDATE SET n = n - 1;
END;
--> statement-breakpoint
CREATE TRIGGER `analytics_breakdowns_messages_insert` AFTER INSERT ON `messages` WHEN NEW.direction = 'outbound' AND NEW.status = 'failed' BEGIN
	INSERT INTO analytics_breakdowns (tenant_id, dimension, bucket, key, n) VALUES (NEW.tenant_id, 'failure', (NEW.created_at / 900000) * 900000, coalesce(NEW.error_code, ''), 1)
		ON CONFLICT (tenant_id, dimension, bucket, key) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `analytics_breakdowns_messages_status` AFTER UPDATE OF `status`, `error_code` ON `messages` WHEN NEW.direction = 'outbound' AND (OLD.status = 'failed' OR NEW.status = 'failed') AND (OLD.status != NEW.status OR OLD.error_code IS NOT NEW.error_code) BEGIN
	INSERT INTO analytics_breakdowns (tenant_id, dimension, bucket, key, n) SELECT OLD.tenant_id, 'failure', (OLD.created_at / 900000) * 900000, coalesce(OLD.error_code, ''), -1 WHERE OLD.status = 'failed'
		ON CONFLICT (tenant_id, dimension, bucket, key) DO UPDATE SET n = n - 1;
	INSERT INTO analytics_breakdowns (tenant_id, dimension, bucket, key, n) SELECT NEW.tenant_id, 'failure', (NEW.created_at / 900000) * 900000, coalesce(NEW.error_code, ''), 1 WHERE NEW.status = 'failed'
		ON CONFLICT (tenant_id, dimension, bucket, key) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `analytics_breakdowns_messages_delete` AFTER DELETE ON `messages` WHEN OLD.direction = 'outbound' AND OLD.status = 'failed' BEGIN
	INSERT INTO analytics_breakdowns (tenant_id, dimension, bucket, key, n) VALUES (OLD.tenant_id, 'failure', (OLD.created_at / 900000) * 900000, coalesce(OLD.error_code, ''), -1)
		ON CONFLICT (tenant_id, dimension, bucket, key) DO UPDATE SET n = n - 1;
END;
--> statement-breakpoint
-- A customer message is answered once a bot or agent reply follows it in its conversation (counted on the customer message's day).
CREATE TRIGGER `analytics_messages_answered` AFTER INSERT ON `messages` WHEN NEW.direction = 'outbound' AND NEW.author IN ('bot', 'agent') BEGIN
	INSERT INTO analytics_buckets (tenant_id, bucket, messages_answered)
		SELECT NEW.tenant_id, (i.created_at / 900000) * 900000, count(*) FROM messages i
		WHERE i.conversation_id = NEW.conversation_id AND i.direction = 'inbound' AND i.created_at <= NEW.created_at
			AND i.created_at > coalesce((SELECT max(r.created_at) FROM messages r WHERE r.conversation_id = NEW.conversation_id AND r.direction = 'outbound' AND r.author IN ('bot', 'agent') AND r.id != NEW.id AND r.created_at <= NEW.created_at), -1)
		GROUP BY 2
		ON CONFLICT (tenant_id, bucket) DO UPDATE SET messages_answered = messages_answered + excluded.messages_answered;
END;
--> statement-breakpoint
CREATE TRIGGER `analytics_messages_answered_delete_inbound` AFTER DELETE ON `messages` WHEN OLD.direction = 'inbound' BEGIN
	INSERT INTO analytics_buckets (tenant_id, bucket, messages_answered)
		SELECT OLD.tenant_id, (OLD.created_at / 900000) * 900000, -1
		WHERE EXISTS (SELECT 1 FROM messages r WHERE r.conversation_id = OLD.conversation_id AND r.direction = 'outbound' AND r.author IN ('bot', 'agent') AND r.created_at >= OLD.created_at)
		ON CONFLICT (tenant_id, bucket) DO UPDATE SET messages_answered = messages_answered + excluded.messages_answered;
END;
--> statement-breakpoint
-- A deleted reply un-answers the customer messages no other reply follows.
CREATE TRIGGER `analytics_messages_answered_delete_reply` AFTER DELETE ON `messages` WHEN OLD.direction = 'outbound' AND OLD.author IN ('bot', 'agent') BEGIN
	INSERT INTO analytics_buckets (tenant_id, bucket, messages_answered)
		SELECT OLD.tenant_id, (i.created_at / 900000) * 900000, -count(*) FROM messages i
		WHERE i.conversation_id = OLD.conversation_id AND i.direction = 'inbound' AND i.created_at <= OLD.created_at
			AND NOT EXISTS (SELECT 1 FROM messages r WHERE r.conversation_id = OLD.conversation_id AND r.direction = 'outbound' AND r.author IN ('bot', 'agent') AND r.created_at >= i.created_at)
		GROUP BY 2
		ON CONFLICT (tenant_id, bucket) DO UPDATE SET messages_answered = messages_answered + excluded.messages_answered;
END;
--> statement-breakpoint
-- The qualification funnel: a contact is asked (the bot's first qualification question) and answers (its first answer) once.
CREATE TRIGGER `analytics_flow_answers_first` AFTER INSERT ON `flow_answers` BEGIN
	UPDATE contacts SET flow_answered_at = NEW.answered_at WHERE id = NEW.contact_id AND flow_answered_at IS NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `analytics_contacts_funnel_insert` AFTER INSERT ON `contacts` WHEN NEW.flow_asked_at IS NOT NULL OR NEW.flow_answered_at IS NOT NULL BEGIN
	INSERT INTO analytics_buckets (tenant_id, bucket, leads_asked) SELECT NEW.tenant_id, (NEW.flow_asked_at / 900000) * 900000, 1 WHERE NEW.flow_asked_at IS NOT NULL
		ON CONFLICT (tenant_id, bucket) DO UPDATE SET leads_asked = leads_asked + excluded.leads_asked;
	INSERT INTO analytics_buckets (tenant_id, bucket, leads_answered) SELECT NEW.tenant_id, (NEW.flow_answered_at / 900000) * 900000, 1 WHERE NEW.flow_answered_at IS NOT NULL
		ON CONFLICT (tenant_id, bucket) DO UPDATE SET leads_answered = leads_answered + excluded.leads_answered;
END;
--> statement-breakpoint
CREATE TRIGGER `analytics_contacts_funnel_update` AFTER UPDATE OF `flow_asked_at`, `flow_answered_at` ON `contacts` WHEN OLD.flow_asked_at IS NOT NEW.flow_asked_at OR OLD.flow_answered_at IS NOT NEW.flow_answered_at BEGIN
	INSERT INTO analytics_buckets (tenant_id, bucket, leads_asked) SELECT OLD.tenant_id, (OLD.flow_asked_at / 900000) * 900000, -1 WHERE OLD.flow_asked_at IS NOT NULL AND OLD.flow_asked_at IS NOT NEW.flow_asked_at
		ON CONFLICT (tenant_id, bucket) DO UPDATE SET leads_asked = leads_asked + excluded.leads_asked;
	INSERT INTO analytics_buckets (tenant_id, bucket, leads_asked) SELECT NEW.tenant_id, (NEW.flow_asked_at / 900000) * 900000, 1 WHERE NEW.flow_asked_at IS NOT NULL AND OLD.flow_asked_at IS NOT NEW.flow_asked_at
		ON CONFLICT (tenant_id, bucket) DO UPDATE SET leads_asked = leads_asked + excluded.leads_asked;
	INSERT INTO analytics_buckets (tenant_id, bucket, leads_answered) SELECT OLD.tenant_id, (OLD.flow_answered_at / 900000) * 900000, -1 WHERE OLD.flow_answered_at IS NOT NULL AND OLD.flow_answered_at IS NOT NEW.flow_answered_at
		ON CONFLICT (tenant_id, bucket) DO UPDATE SET leads_answered = leads_answered + excluded.leads_answered;
	INSERT INTO analytics_buckets (tenant_id, bucket, leads_answered) SELECT NEW.tenant_id, (NEW.flow_answered_at / 900000) * 900000, 1 WHERE NEW.flow_answered_at IS NOT NULL AND OLD.flow_answered_at IS NOT NEW.flow_answered_at
		ON CONFLICT (tenant_id, bucket) DO UPDATE SET leads_answered = leads_answered + excluded.leads_answered;
END;
--> statement-breakpoint
CREATE TRIGGER `analytics_contacts_funnel_delete` AFTER DELETE ON `contacts` WHEN OLD.flow_asked_at IS NOT NULL OR OLD.flow_answered_at IS NOT NULL BEGIN
	INSERT INTO analytics_buckets (tenant_id, bucket, leads_asked) SELECT OLD.tenant_id, (OLD.flow_asked_at / 900000) * 900000, -1 WHERE OLD.flow_asked_at IS NOT NULL
		ON CONFLICT (tenant_id, bucket) DO UPDATE SET leads_asked = leads_asked + excluded.leads_asked;
	INSERT INTO analytics_buckets (tenant_id, bucket, leads_answered) SELECT OLD.tenant_id, (OLD.flow_answered_at / 900000) * 900000, -1 WHERE OLD.flow_answered_at IS NOT NULL
		ON CONFLICT (tenant_id, bucket) DO UPDATE SET leads_answered = leads_answered + excluded.leads_answered;
END;
