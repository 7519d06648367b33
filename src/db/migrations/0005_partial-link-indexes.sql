DROP INDEX `software_publisher_idx`;--> statement-breakpoint
DROP INDEX `software_repository_idx`;--> statement-breakpoint
DROP INDEX `software_origin_publisher_idx`;--> statement-breakpoint
CREATE INDEX `software_publisher_idx` ON `software` (`publisher_id`) WHERE "software"."publisher_id" is not null;--> statement-breakpoint
CREATE INDEX `software_repository_idx` ON `software` (`repository_id`) WHERE "software"."repository_id" is not null;--> statement-breakpoint
CREATE INDEX `software_origin_publisher_idx` ON `software` (`origin_catalogue_id`,`origin_publisher_id`) WHERE "software"."origin_publisher_id" is not null;