CREATE TABLE `citizens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`province_id` text NOT NULL,
	`app_id` text NOT NULL,
	`zalo_user_id` text NOT NULL,
	`phone_ciphertext` text,
	`phone_verified_at` text,
	`last_seen_at` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`province_id`) REFERENCES `provinces`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `citizens_app_user_uq` ON `citizens` (`app_id`,`zalo_user_id`);--> statement-breakpoint
CREATE TABLE `consents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`citizen_id` integer NOT NULL,
	`channel` text NOT NULL,
	`purpose` text NOT NULL,
	`wording` text NOT NULL,
	`granted_at` text NOT NULL,
	`withdrawn_at` text
);
--> statement-breakpoint
CREATE INDEX `consents_citizen_idx` ON `consents` (`citizen_id`,`channel`,`withdrawn_at`);--> statement-breakpoint
CREATE TABLE `deliveries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`outbox_id` integer NOT NULL,
	`citizen_id` integer NOT NULL,
	`channel` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text NOT NULL,
	`last_error` text,
	`provider_message_id` text,
	`sent_at` text,
	`dead_lettered_at` text,
	`read_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `deliveries_outbox_citizen_uq` ON `deliveries` (`outbox_id`,`citizen_id`);--> statement-breakpoint
CREATE INDEX `deliveries_citizen_idx` ON `deliveries` (`citizen_id`,`id`);--> statement-breakpoint
CREATE INDEX `deliveries_status_idx` ON `deliveries` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `follows` (
	`citizen_id` integer NOT NULL,
	`dossier_code` text NOT NULL,
	`province_id` text NOT NULL,
	`proof` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`citizen_id`, `dossier_code`)
);
--> statement-breakpoint
CREATE INDEX `follows_code_idx` ON `follows` (`dossier_code`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dedupe_key` text NOT NULL,
	`province_id` text NOT NULL,
	`dossier_code` text NOT NULL,
	`kind` text NOT NULL,
	`params` text NOT NULL,
	`created_at` text NOT NULL,
	`fanned_out_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_dedupe_uq` ON `outbox` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `outbox_pending_idx` ON `outbox` (`fanned_out_at`,`created_at`);--> statement-breakpoint
CREATE TABLE `staff_link_codes` (
	`code_hash` text PRIMARY KEY NOT NULL,
	`province_id` text NOT NULL,
	`officer_id` text NOT NULL,
	`expires_at` text NOT NULL,
	`used_at` text,
	`used_by` integer,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `staff_links` (
	`citizen_id` integer PRIMARY KEY NOT NULL,
	`province_id` text NOT NULL,
	`officer_id` text NOT NULL,
	`linked_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_links_officer_uq` ON `staff_links` (`province_id`,`officer_id`);--> statement-breakpoint
CREATE TABLE `zalo_apps` (
	`province_id` text PRIMARY KEY NOT NULL,
	`app_id` text NOT NULL,
	`mini_app_id` text NOT NULL,
	`app_secret_ciphertext` text NOT NULL,
	`mini_app_api_key_ciphertext` text,
	`oa_access_token_ciphertext` text,
	`templates` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`province_id`) REFERENCES `provinces`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `zalo_apps_app_id_unique` ON `zalo_apps` (`app_id`);--> statement-breakpoint
ALTER TABLE `officers` ADD `role` text DEFAULT 'officer' NOT NULL;