CREATE TABLE `staff_notice_recipients` (
	`province_id` text NOT NULL,
	`notice_id` text NOT NULL,
	`officer_id` text NOT NULL,
	`citizen_id` integer,
	`acknowledged_at` text,
	`answer` text,
	`reason` text,
	`answered_at` text,
	`reminded_at` text,
	`created_at` text NOT NULL,
	PRIMARY KEY(`province_id`, `notice_id`, `officer_id`)
);
--> statement-breakpoint
CREATE INDEX `staff_notice_recipients_officer_idx` ON `staff_notice_recipients` (`province_id`,`officer_id`);--> statement-breakpoint
CREATE TABLE `staff_notices` (
	`province_id` text NOT NULL,
	`id` text NOT NULL,
	`client_id` text NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`summary` text,
	`document_number` text,
	`issuer` text,
	`deadline` text,
	`starts_at` text,
	`ends_at` text,
	`place` text,
	`online_link` text,
	`agenda` text,
	`chair` text,
	`link` text,
	`cancelled` integer DEFAULT false NOT NULL,
	`recipient_request` text NOT NULL,
	`content_hash` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`remind_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`changed_at` text,
	PRIMARY KEY(`province_id`, `id`)
);
--> statement-breakpoint
CREATE INDEX `staff_notices_remind_idx` ON `staff_notices` (`remind_at`);