ALTER TABLE `dossiers` ADD `personal_data_removed_at` text;--> statement-breakpoint
CREATE INDEX `dossiers_retention_idx` ON `dossiers` (`province_id`,`status`,`changed_at`) WHERE personal_data_removed_at IS NULL;--> statement-breakpoint
ALTER TABLE `provinces` ADD `data_retention_months` integer DEFAULT 12 NOT NULL;--> statement-breakpoint
CREATE INDEX `outbox_created_idx` ON `outbox` (`created_at`);