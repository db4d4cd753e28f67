ALTER TABLE `agencies` ADD `opening_hours` text;--> statement-breakpoint
ALTER TABLE `agencies` ADD `hours_note` text;--> statement-breakpoint
ALTER TABLE `agencies` ADD `latitude` real;--> statement-breakpoint
ALTER TABLE `agencies` ADD `longitude` real;--> statement-breakpoint
ALTER TABLE `agencies` ADD `collection_account` text;--> statement-breakpoint
ALTER TABLE `dossiers` ADD `fee_deadline` text;--> statement-breakpoint
ALTER TABLE `dossiers` ADD `payment_url` text;--> statement-breakpoint
ALTER TABLE `dossiers` ADD `competent_agency_id` text;--> statement-breakpoint
ALTER TABLE `dossiers` ADD `changed_at` text;--> statement-breakpoint
ALTER TABLE `procedures` ADD `short_name` text;--> statement-breakpoint
ALTER TABLE `ratings` ADD `proof` text DEFAULT 'follow' NOT NULL;