CREATE TABLE `federation_record` (
	`seq` integer PRIMARY KEY NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` text NOT NULL,
	`record` text NOT NULL,
	FOREIGN KEY (`seq`) REFERENCES `change`(`seq`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `federation_record_entity_idx` ON `federation_record` (`entity_type`,`entity_id`,`seq`);--> statement-breakpoint
CREATE TABLE `peer` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`base_url` text NOT NULL,
	`phase` text DEFAULT 'snapshot' NOT NULL,
	`cursor` text,
	`status` text DEFAULT 'new' NOT NULL,
	`last_success_at` integer,
	`last_attempt_at` integer,
	`last_error` text,
	`records_imported` integer DEFAULT 0 NOT NULL,
	`records_rejected` integer DEFAULT 0 NOT NULL,
	`failures` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `peer_next_attempt_idx` ON `peer` (`next_attempt_at`);