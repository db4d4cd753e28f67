import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * Each erasure a citizen asked for, kept as proof that it was done, without personal data: no citizen id, Zalo id
 * or hash that could tie it back to them; the minute it happened, the province and how many rows of each kind went.
 */
export const erasures = sqliteTable(
  "erasures",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    provinceId: text("province_id").notNull(),
    /** Rounded down to the minute: enough to answer for it, too coarse to match against a request log. */
    erasedAt: text("erased_at").notNull(),
    /** {follows, consents, messages, questions, feedback, photos, ratingsAnonymised, staffLink}: counts only. */
    counts: text("counts", { mode: "json" }).$type<Record<string, number>>().notNull(),
  },
  (t) => [index("erasures_province_idx").on(t.provinceId, t.erasedAt)],
);

/**
 * R2 photos whose feedback was erased: written in the erasure's batch, so a photo is refused by the media route
 * from that moment even if deleting it from R2 fails; the row goes when R2 confirms, and the hourly cron retries.
 */
export const mediaDeletions = sqliteTable("media_deletions", {
  key: text("key").primaryKey(),
  requestedAt: text("requested_at").notNull(),
});
