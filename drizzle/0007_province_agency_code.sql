ALTER TABLE `provinces` ADD `agency_code` text;--> statement-breakpoint
-- A province that already has agencies gets the level-1 code they carry, when they all agree on one and no other
-- province's agencies carry it too; any other province is left for the operator to set.
UPDATE `provinces` SET `agency_code` = (
  SELECT upper(substr(a.id, -3)) FROM `agencies` a
  WHERE a.province_id = provinces.id AND upper(a.id) GLOB '*.[A-Z][0-9][0-9]' LIMIT 1
)
WHERE (
  SELECT count(DISTINCT upper(substr(a.id, -3))) FROM `agencies` a
  WHERE a.province_id = provinces.id AND upper(a.id) GLOB '*.[A-Z][0-9][0-9]'
) = 1
AND NOT EXISTS (
  SELECT 1 FROM `agencies` o, `agencies` a
  WHERE a.province_id = provinces.id AND o.province_id <> provinces.id
    AND upper(a.id) GLOB '*.[A-Z][0-9][0-9]' AND upper(o.id) GLOB '*.[A-Z][0-9][0-9]'
    AND upper(substr(o.id, -3)) = upper(substr(a.id, -3))
);--> statement-breakpoint
CREATE UNIQUE INDEX `provinces_agency_code_uq` ON `provinces` (`agency_code`);
