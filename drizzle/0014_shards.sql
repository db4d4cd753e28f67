CREATE TABLE `shard_map` (
	`province_id` text NOT NULL,
	`agency_group` text DEFAULT '' NOT NULL,
	`binding` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`province_id`, `agency_group`)
);
--> statement-breakpoint
CREATE TABLE `zalo_app_claims` (
	`app_id` text PRIMARY KEY NOT NULL,
	`province_id` text NOT NULL
);
--> statement-breakpoint
ALTER TABLE `integration_clients` ADD `agency_group` text;--> statement-breakpoint
-- Provinces onboarded before the map existed live in the control database, as they always did, with their apps.
INSERT OR IGNORE INTO `shard_map` (`province_id`, `agency_group`, `binding`) SELECT `id`, '', 'DB' FROM `provinces`;
--> statement-breakpoint
INSERT OR IGNORE INTO `zalo_app_claims` (`app_id`, `province_id`) SELECT `app_id`, `province_id` FROM `zalo_apps`;
