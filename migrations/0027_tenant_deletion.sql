-- Workspace deletion. One row per deleted tenant, kept after its data is erased
-- as the record that it was deleted, by whom and when (ids and counts only, no
-- personal data). The column is `id`, not tenant_id: the row is about the
-- tenant, not owned by it, so the erasure that empties every tenant-owned
-- table leaves it in place.
CREATE TABLE `tenant_deletions` (
	`id` text PRIMARY KEY NOT NULL,
	`plan` text NOT NULL,
	`requested_by` text,
	`requested_at` integer NOT NULL,
	`erased_at` integer,
	`rows_erased` integer DEFAULT 0 NOT NULL,
	`objects_deleted` integer DEFAULT 0 NOT NULL,
	`passes` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `tenant_deletions_pending` ON `tenant_deletions` (`erased_at`,`requested_at`);
--> statement-breakpoint
-- The channel ids of deleted workspaces: their webhook URLs keep answering 200
-- (nothing stored) so Meta and WAHA stop retrying.
CREATE TABLE `retired_channels` (
	`id` text PRIMARY KEY NOT NULL,
	`deletion_id` text NOT NULL,
	`retired_at` integer NOT NULL
);
