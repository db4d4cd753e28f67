CREATE TABLE `used_signatures` (
	`key_id` text NOT NULL,
	`signature` text NOT NULL,
	`expires_at` integer NOT NULL,
	PRIMARY KEY(`key_id`, `signature`)
);
--> statement-breakpoint
CREATE INDEX `used_signatures_expires_idx` ON `used_signatures` (`expires_at`);