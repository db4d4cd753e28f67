CREATE TABLE `erasures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`province_id` text NOT NULL,
	`erased_at` text NOT NULL,
	`counts` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `erasures_province_idx` ON `erasures` (`province_id`,`erased_at`);--> statement-breakpoint
CREATE TABLE `media_deletions` (
	`key` text PRIMARY KEY NOT NULL,
	`requested_at` text NOT NULL
);
