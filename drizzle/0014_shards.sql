CREATE TABLE `shard_map` (
	`province_id` text NOT NULL,
	`agency_group` text DEFAULT '' NOT NULL,
	`binding` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`province_id`, `agency_group`)
);
--> statement-breakpoint
-- Provinces onboarded before the map existed live in the control database, as they always did.
INSERT OR IGNORE INTO `shard_map` (`province_id`, `agency_group`, `binding`) SELECT `id`, '', 'DB' FROM `provinces`;
