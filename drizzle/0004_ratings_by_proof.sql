PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_ratings` (
	`dossier_code` text PRIMARY KEY NOT NULL,
	`province_id` text NOT NULL,
	`citizen_id` integer,
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
INSERT INTO `__new_ratings`("dossier_code", "province_id", "citizen_id", "agency_id", "department_id", "officer_id", "month", "time_vs_limit", "extra_visits", "agencies_count", "publicly_posted", "attitude", "convenience", "overall", "comment", "created_at") SELECT "dossier_code", "province_id", "citizen_id", "agency_id", "department_id", "officer_id", "month", "time_vs_limit", "extra_visits", "agencies_count", "publicly_posted", "attitude", "convenience", "overall", "comment", "created_at" FROM `ratings`;--> statement-breakpoint
DROP TABLE `ratings`;--> statement-breakpoint
ALTER TABLE `__new_ratings` RENAME TO `ratings`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `ratings_province_month_idx` ON `ratings` (`province_id`,`month`);