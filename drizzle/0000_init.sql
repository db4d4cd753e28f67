CREATE TABLE `agencies` (
	`id` text PRIMARY KEY NOT NULL,
	`province_id` text NOT NULL,
	`name` text NOT NULL,
	`short_name` text,
	`level` text DEFAULT 'province' NOT NULL,
	`address` text,
	`phone` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`province_id`) REFERENCES `provinces`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `agencies_province_idx` ON `agencies` (`province_id`);--> statement-breakpoint
CREATE TABLE `departments` (
	`province_id` text NOT NULL,
	`id` text NOT NULL,
	`agency_id` text NOT NULL,
	`name` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`province_id`, `id`),
	FOREIGN KEY (`province_id`) REFERENCES `provinces`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `dossier_events` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`client_id` text NOT NULL,
	`event_id` text NOT NULL,
	`province_id` text NOT NULL,
	`dossier_code` text NOT NULL,
	`type` text NOT NULL,
	`occurred_at` text NOT NULL,
	`payload` text NOT NULL,
	`received_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `dossier_events_client_event_uq` ON `dossier_events` (`client_id`,`event_id`);--> statement-breakpoint
CREATE INDEX `dossier_events_code_idx` ON `dossier_events` (`dossier_code`,`occurred_at`);--> statement-breakpoint
CREATE TABLE `dossiers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`province_id` text NOT NULL,
	`agency_id` text NOT NULL,
	`procedure_code` text NOT NULL,
	`applicant_name` text NOT NULL,
	`applicant_factor_hash` text NOT NULL,
	`status` integer NOT NULL,
	`status_note` text,
	`received_at` text NOT NULL,
	`due_at` text NOT NULL,
	`completed_at` text,
	`returned_at` text,
	`department_id` text,
	`officer_id` text,
	`missing_documents` text,
	`supplement_deadline` text,
	`fee_vnd` integer,
	`fee_note` text,
	`timeline` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`province_id`) REFERENCES `provinces`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `dossiers_code_uq` ON `dossiers` (`code`);--> statement-breakpoint
CREATE INDEX `dossiers_province_status_idx` ON `dossiers` (`province_id`,`status`);--> statement-breakpoint
CREATE INDEX `dossiers_province_code_idx` ON `dossiers` (`province_id`,`code`);--> statement-breakpoint
CREATE INDEX `dossiers_agency_received_idx` ON `dossiers` (`agency_id`,`received_at`);--> statement-breakpoint
CREATE INDEX `dossiers_province_due_idx` ON `dossiers` (`province_id`,`due_at`);--> statement-breakpoint
CREATE TABLE `integration_clients` (
	`key_id` text PRIMARY KEY NOT NULL,
	`province_id` text NOT NULL,
	`name` text NOT NULL,
	`secret_ciphertext` text NOT NULL,
	`revoked_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`province_id`) REFERENCES `provinces`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `integration_clients_province_idx` ON `integration_clients` (`province_id`);--> statement-breakpoint
CREATE TABLE `officers` (
	`province_id` text NOT NULL,
	`id` text NOT NULL,
	`department_id` text,
	`display_name` text NOT NULL,
	`title` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`province_id`, `id`),
	FOREIGN KEY (`province_id`) REFERENCES `provinces`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `procedures` (
	`province_id` text NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`search_text` text NOT NULL,
	`field` text NOT NULL,
	`level` text,
	`documents` text NOT NULL,
	`fee_vnd` integer,
	`fee_text` text,
	`legal_days` integer NOT NULL,
	`where_to_file` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`province_id`, `code`),
	FOREIGN KEY (`province_id`) REFERENCES `provinces`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `provinces` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`short_name` text NOT NULL,
	`channel_name` text NOT NULL,
	`primary_color` text NOT NULL,
	`accent_color` text NOT NULL,
	`logo_url` text,
	`hotline` text,
	`zalo_oa_id` text,
	`mini_app_id` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `throttles` (
	`key` text PRIMARY KEY NOT NULL,
	`window_start` integer NOT NULL,
	`count` integer NOT NULL
);
