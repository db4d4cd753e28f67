import { sql } from "drizzle-orm";
import { text } from "drizzle-orm/sqlite-core";

/** Times are stored as ISO-8601 strings in UTC ("2026-11-23T02:15:00.000Z"), so they sort as text. */
export const timestamps = {
  createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  updatedAt: text("updated_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
};
