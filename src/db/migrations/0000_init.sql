CREATE TABLE `change` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` text NOT NULL,
	`action` text NOT NULL,
	`reason` text,
	`actor` text NOT NULL,
	`at` integer NOT NULL,
	`snapshot` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `change_entity_idx` ON `change` (`entity_type`,`entity_id`,`seq`);--> statement-breakpoint
CREATE TABLE `code_hosting` (
	`id` text PRIMARY KEY NOT NULL,
	`publisher_id` text NOT NULL,
	`url` text NOT NULL,
	`group` integer DEFAULT true NOT NULL,
	`forge_id` text,
	`last_crawled_at` integer,
	`next_crawl_at` integer,
	`last_error` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`publisher_id`) REFERENCES `publisher`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`forge_id`) REFERENCES `forge`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `code_hosting_url_unique` ON `code_hosting` (`url`);--> statement-breakpoint
CREATE INDEX `code_hosting_publisher_idx` ON `code_hosting` (`publisher_id`);--> statement-breakpoint
CREATE INDEX `code_hosting_due_idx` ON `code_hosting` (`next_crawl_at`);--> statement-breakpoint
CREATE TABLE `forge` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`host` text NOT NULL,
	`web_url` text NOT NULL,
	`api_url` text NOT NULL,
	`graphql_url` text,
	`token_env` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `forge_host_unique` ON `forge` (`host`);--> statement-breakpoint
CREATE TABLE `log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`software_id` text,
	`entity` text,
	`message` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`software_id`) REFERENCES `software`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `log_software_idx` ON `log` (`software_id`,`id`);--> statement-breakpoint
CREATE TABLE `publisher` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`alternative_id` text,
	`country` text,
	`email` text,
	`description` text,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `publisher_alternative_id_unique` ON `publisher` (`alternative_id`);--> statement-breakpoint
CREATE INDEX `publisher_created_idx` ON `publisher` (`created_at`,`id`);--> statement-breakpoint
CREATE TABLE `repository` (
	`id` text PRIMARY KEY NOT NULL,
	`forge_id` text NOT NULL,
	`forge_repo_id` text NOT NULL,
	`url` text NOT NULL,
	`default_branch` text,
	`is_fork` integer DEFAULT false NOT NULL,
	`is_archived` integer DEFAULT false NOT NULL,
	`is_private` integer DEFAULT false NOT NULL,
	`is_empty` integer DEFAULT false NOT NULL,
	`pushed_at` integer,
	`last_seen_at` integer,
	`publiccode_blob_sha` text,
	`publiccode_path` text,
	`source_id` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`forge_id`) REFERENCES `forge`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `code_hosting`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `repository_forge_repo_uq` ON `repository` (`forge_id`,`forge_repo_id`);--> statement-breakpoint
CREATE INDEX `repository_url_idx` ON `repository` (`url`);--> statement-breakpoint
CREATE INDEX `repository_source_idx` ON `repository` (`source_id`);--> statement-breakpoint
CREATE TABLE `software` (
	`row_id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`url` text NOT NULL,
	`publisher_id` text,
	`repository_id` text,
	`state` text NOT NULL,
	`state_reason` text,
	`has_pending_invalid` integer DEFAULT false NOT NULL,
	`raw` blob,
	`document` text,
	`publiccode_yml_version` text,
	`served_version_id` text,
	`name` text,
	`descriptions` text,
	`categories` text,
	`platforms` text,
	`software_type` text,
	`development_status` text,
	`license` text,
	`languages` text,
	`countries` text,
	`organisation_uri` text,
	`supports` text,
	`is_based_on` text,
	`overrides` text,
	`origin_catalogue_id` text,
	`origin_software_id` text,
	`relay_chain` text,
	`signature` text,
	`source_forge` text,
	`source_repo` text,
	`source_branch` text,
	`source_blob_sha` text,
	`source_commit_at` integer,
	`fetched_at` integer,
	`checked_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`publisher_id`) REFERENCES `publisher`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`repository_id`) REFERENCES `repository`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `software_id_unique` ON `software` (`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `software_url_unique` ON `software` (`url`);--> statement-breakpoint
CREATE INDEX `software_updated_idx` ON `software` (`updated_at`,`row_id`);--> statement-breakpoint
CREATE INDEX `software_state_updated_idx` ON `software` (`state`,`updated_at`,`row_id`);--> statement-breakpoint
CREATE INDEX `software_publisher_idx` ON `software` (`publisher_id`);--> statement-breakpoint
CREATE INDEX `software_repository_idx` ON `software` (`repository_id`);--> statement-breakpoint
CREATE INDEX `software_origin_idx` ON `software` (`origin_catalogue_id`,`origin_software_id`);--> statement-breakpoint
CREATE TABLE `software_alias` (
	`url` text PRIMARY KEY NOT NULL,
	`software_id` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`software_id`) REFERENCES `software`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `software_alias_software_idx` ON `software_alias` (`software_id`);--> statement-breakpoint
CREATE TABLE `software_facet` (
	`software_row` integer NOT NULL,
	`facet` text NOT NULL,
	`value` text NOT NULL,
	PRIMARY KEY(`software_row`, `facet`, `value`),
	FOREIGN KEY (`software_row`) REFERENCES `software`(`row_id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `software_facet_value_idx` ON `software_facet` (`facet`,`value`,`software_row`);--> statement-breakpoint
CREATE TABLE `software_facet_count` (
	`facet` text NOT NULL,
	`value` text NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`facet`, `value`)
);
--> statement-breakpoint
CREATE TABLE `software_version` (
	`id` text PRIMARY KEY NOT NULL,
	`software_id` text NOT NULL,
	`raw` blob NOT NULL,
	`blob_sha` text,
	`valid` integer NOT NULL,
	`publiccode_yml_version` text,
	`document` text,
	`forge_status` text,
	`fetched_at` integer NOT NULL,
	FOREIGN KEY (`software_id`) REFERENCES `software`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `software_version_software_idx` ON `software_version` (`software_id`);--> statement-breakpoint
CREATE TABLE `token` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`hash` text NOT NULL,
	`scopes` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer,
	`revoked_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `token_hash_unique` ON `token` (`hash`);--> statement-breakpoint
CREATE TABLE `validation_result` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version_id` text NOT NULL,
	`severity` text NOT NULL,
	`key` text,
	`message` text NOT NULL,
	`line` integer,
	`column` integer,
	FOREIGN KEY (`version_id`) REFERENCES `software_version`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `validation_result_version_idx` ON `validation_result` (`version_id`,`line`);