-- When each dossier last changed: its latest event, which is the last entry of its timeline (kept in occurredAt order).
UPDATE `dossiers` SET `changed_at` = (SELECT max(json_extract(value, '$.at')) FROM json_each(`dossiers`.`timeline`)) WHERE `changed_at` IS NULL;
