CREATE TABLE `alert_communes` (
	`alert_id` integer NOT NULL,
	`province_id` text NOT NULL,
	`commune_code` text NOT NULL,
	PRIMARY KEY(`alert_id`, `commune_code`)
);
--> statement-breakpoint
CREATE INDEX `alert_communes_commune_idx` ON `alert_communes` (`province_id`,`commune_code`);--> statement-breakpoint
CREATE TABLE `alerts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`province_id` text NOT NULL,
	`sender` text NOT NULL,
	`identifier` text NOT NULL,
	`sent` text NOT NULL,
	`status` text NOT NULL,
	`msg_type` text NOT NULL,
	`scope` text NOT NULL,
	`references` text,
	`event` text NOT NULL,
	`urgency` text NOT NULL,
	`severity` text NOT NULL,
	`certainty` text NOT NULL,
	`headline` text NOT NULL,
	`description` text,
	`instruction` text,
	`effective` text NOT NULL,
	`expires` text,
	`areas` text NOT NULL,
	`cap` text NOT NULL,
	`thread_id` integer,
	`superseded_at` text,
	`author` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `alerts_sender_identifier_uq` ON `alerts` (`province_id`,`sender`,`identifier`);--> statement-breakpoint
CREATE INDEX `alerts_active_idx` ON `alerts` (`province_id`,`superseded_at`,`expires`);--> statement-breakpoint
CREATE INDEX `alerts_thread_idx` ON `alerts` (`thread_id`);--> statement-breakpoint
CREATE TABLE `broadcasts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`province_id` text NOT NULL,
	`kind` text NOT NULL,
	`subject` text NOT NULL,
	`outbox_id` integer NOT NULL,
	`targeted` integer DEFAULT 0 NOT NULL,
	`sent_by_zalo` integer DEFAULT 0 NOT NULL,
	`in_app_only` integer DEFAULT 0 NOT NULL,
	`deferred` integer DEFAULT 0 NOT NULL,
	`failed` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `broadcasts_subject_uq` ON `broadcasts` (`province_id`,`kind`,`subject`);--> statement-breakpoint
CREATE UNIQUE INDEX `broadcasts_outbox_uq` ON `broadcasts` (`outbox_id`);--> statement-breakpoint
CREATE TABLE `citizen_communes` (
	`citizen_id` integer NOT NULL,
	`province_id` text NOT NULL,
	`commune_code` text NOT NULL,
	`purpose` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`citizen_id`, `commune_code`)
);
--> statement-breakpoint
CREATE INDEX `citizen_communes_area_idx` ON `citizen_communes` (`province_id`,`commune_code`,`citizen_id`);--> statement-breakpoint
CREATE TABLE `communes` (
	`province_id` text NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`province_id`, `code`)
);
--> statement-breakpoint
CREATE TABLE `delivery_settings` (
	`province_id` text PRIMARY KEY NOT NULL,
	`miniapp_per_user_daily` integer NOT NULL,
	`miniapp_daily_cap` integer NOT NULL,
	`miniapp_window_start` text NOT NULL,
	`miniapp_window_end` text NOT NULL,
	`miniapp_active_days` integer NOT NULL,
	`zns_daily_quota` integer NOT NULL,
	`oa_per_follower_monthly` integer NOT NULL,
	`oa_per_follower_daily` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `news_posts` (
	`province_id` text NOT NULL,
	`id` text NOT NULL,
	`title` text NOT NULL,
	`summary` text NOT NULL,
	`body` text NOT NULL,
	`category` text NOT NULL,
	`cover` text,
	`published_at` text NOT NULL,
	`unpublished_at` text,
	`notify` integer DEFAULT true NOT NULL,
	`source` text NOT NULL,
	`author` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`province_id`, `id`)
);
--> statement-breakpoint
CREATE INDEX `news_posts_feed_idx` ON `news_posts` (`province_id`,`published_at`);--> statement-breakpoint
CREATE TABLE `quota_usage` (
	`province_id` text NOT NULL,
	`channel` text NOT NULL,
	`day` text NOT NULL,
	`used` integer DEFAULT 0 NOT NULL,
	`prev` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`province_id`, `channel`, `day`)
);
--> statement-breakpoint
ALTER TABLE `citizens` ADD `miniapp_day` text;--> statement-breakpoint
ALTER TABLE `citizens` ADD `miniapp_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `deliveries` ADD `priority` integer DEFAULT 3 NOT NULL;--> statement-breakpoint
ALTER TABLE `deliveries` ADD `reason` text;--> statement-breakpoint
ALTER TABLE `deliveries` ADD `broadcast_id` integer;--> statement-breakpoint
ALTER TABLE `officers` ADD `permissions` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `outbox` ADD `audience` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `not_before` text;