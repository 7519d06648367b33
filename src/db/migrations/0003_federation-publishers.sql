ALTER TABLE `publisher` ADD `origin_catalogue_id` text;--> statement-breakpoint
ALTER TABLE `publisher` ADD `origin_publisher_id` text;--> statement-breakpoint
ALTER TABLE `publisher` ADD `relay_chain` text;--> statement-breakpoint
ALTER TABLE `publisher` ADD `signature` text;--> statement-breakpoint
CREATE INDEX `publisher_origin_idx` ON `publisher` (`origin_catalogue_id`,`origin_publisher_id`);--> statement-breakpoint
ALTER TABLE `software` ADD `origin_publisher_id` text;--> statement-breakpoint
CREATE INDEX `software_origin_publisher_idx` ON `software` (`origin_catalogue_id`,`origin_publisher_id`);--> statement-breakpoint
-- Hand-edited: drizzle-kit splits expression columns at their commas; this is the index the schema declares.
CREATE INDEX `federation_record_publisher_origin_idx` ON `federation_record` (json_extract(record, '$.provenance.origin.catalogueId'),json_extract(record, '$.id'),`seq`) WHERE entity_type = 'publisher';