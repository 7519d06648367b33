CREATE TABLE `change_compaction` (
	`id` integer PRIMARY KEY NOT NULL,
	`horizon_seq` integer DEFAULT 0 NOT NULL,
	`last_run_at` integer,
	`last_removed` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE `peer` ADD `resync_pending` integer DEFAULT false NOT NULL;