CREATE TABLE `feedback_answer_ratings` (
	`feedback_id` integer PRIMARY KEY NOT NULL,
	`province_id` text NOT NULL,
	`satisfied` integer NOT NULL,
	`rated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `feedback_answer_ratings_province_idx` ON `feedback_answer_ratings` (`province_id`,`rated_at`);--> statement-breakpoint
CREATE TABLE `figure_counts` (
	`province_id` text NOT NULL,
	`grain` text NOT NULL,
	`period` text NOT NULL,
	`agency_id` text NOT NULL,
	`department_id` text NOT NULL,
	`procedure_code` text NOT NULL,
	`completed` integer DEFAULT 0 NOT NULL,
	`completed_on_time` integer DEFAULT 0 NOT NULL,
	`completed_early` integer DEFAULT 0 NOT NULL,
	`ratings` integer DEFAULT 0 NOT NULL,
	`satisfied` integer DEFAULT 0 NOT NULL,
	`feedback_received` integer DEFAULT 0 NOT NULL,
	`feedback_answered` integer DEFAULT 0 NOT NULL,
	`feedback_answered_on_time` integer DEFAULT 0 NOT NULL,
	`feedback_rated` integer DEFAULT 0 NOT NULL,
	`feedback_satisfied` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`province_id`, `grain`, `period`, `agency_id`, `department_id`, `procedure_code`)
);
--> statement-breakpoint
CREATE TABLE `figure_open_due` (
	`province_id` text NOT NULL,
	`grain` text NOT NULL,
	`period` text NOT NULL,
	`agency_id` text NOT NULL,
	`department_id` text NOT NULL,
	`procedure_code` text NOT NULL,
	`open` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`province_id`, `grain`, `period`, `agency_id`, `department_id`, `procedure_code`)
);
