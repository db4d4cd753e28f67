import { sql } from "drizzle-orm";
import { primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * The shard map, kept in the control database (binding `DB`): which D1 binding holds a province's data, and, for a
 * province split by agency group, which one holds the dossiers of agencies whose identifier starts with
 * `agencyGroup` ("" is the province's home: everything not mapped to a group). Every province has its home row
 * (written by `PUT /v1/admin/provinces/{id}`), so a province missing from the map is unknown, never "somewhere".
 * Every database runs the same migrations; the control database's `provinces` table is the directory of every
 * province, and its `integration_clients` the keys of all of them.
 */
export const shardMap = sqliteTable(
  "shard_map",
  {
    provinceId: text("province_id").notNull(),
    agencyGroup: text("agency_group").notNull().default(""),
    /** A D1 binding of the Worker: "DB" (the control database, which can carry small provinces) or "DB_<NAME>". */
    binding: text("binding").notNull(),
    createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [primaryKey({ columns: [t.provinceId, t.agencyGroup] })],
);

/**
 * Which province each Zalo app is connected to, across every database: a Zalo app serves one province (its tokens
 * open that province's sessions), and provinces in different databases cannot see each other's `zalo_apps`.
 */
export const zaloAppClaims = sqliteTable("zalo_app_claims", {
  appId: text("app_id").primaryKey(),
  provinceId: text("province_id").notNull(),
});
