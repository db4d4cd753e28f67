CREATE TABLE `feedback` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`province_id` text NOT NULL,
	`citizen_id` integer NOT NULL,
	`category` text NOT NULL,
	`text` text NOT NULL,
	`search_text` text NOT NULL,
	`district` text,
	`lat` real,
	`lng` real,
	`place_label` text,
	`anonymous` integer NOT NULL,
	`sender_name` text,
	`photos` text NOT NULL,
	`status` text NOT NULL,
	`agency_id` text,
	`answer` text,
	`answered_at` text,
	`answered_by` text,
	`closed_at` text,
	`reopen_count` integer DEFAULT 0 NOT NULL,
	`history` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `feedback_citizen_idx` ON `feedback` (`citizen_id`,`id`);--> statement-breakpoint
CREATE INDEX `feedback_province_status_idx` ON `feedback` (`province_id`,`status`,`id`);--> statement-breakpoint
CREATE TABLE `questions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`province_id` text NOT NULL,
	`dossier_code` text NOT NULL,
	`citizen_id` integer NOT NULL,
	`text` text NOT NULL,
	`officer_id` text,
	`department_id` text,
	`status` text NOT NULL,
	`escalate_at` text NOT NULL,
	`escalated_at` text,
	`answer` text,
	`answered_at` text,
	`answered_by` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `questions_dossier_idx` ON `questions` (`dossier_code`,`id`);--> statement-breakpoint
CREATE INDEX `questions_province_status_idx` ON `questions` (`province_id`,`status`,`escalate_at`);--> statement-breakpoint
CREATE TABLE `ratings` (
	`dossier_code` text PRIMARY KEY NOT NULL,
	`province_id` text NOT NULL,
	`citizen_id` integer NOT NULL,
	`agency_id` text NOT NULL,
	`department_id` text,
	`officer_id` text,
	`month` text NOT NULL,
	`time_vs_limit` text NOT NULL,
	`extra_visits` text NOT NULL,
	`agencies_count` text NOT NULL,
	`publicly_posted` text NOT NULL,
	`attitude` text NOT NULL,
	`convenience` text NOT NULL,
	`overall` text NOT NULL,
	`comment` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `ratings_province_month_idx` ON `ratings` (`province_id`,`month`);--> statement-breakpoint
ALTER TABLE `outbox` ADD `recipient_citizen_id` integer;