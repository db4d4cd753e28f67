import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

import { timestamps } from "./columns";

/**
 * A province's communes and wards (since 1 July 2025 there is no district level), keyed by the national
 * administrative-unit code: what an alert's area names in its geocodes and what a citizen chooses to hear about.
 */
export const communes = sqliteTable(
  "communes",
  {
    provinceId: text("province_id").notNull(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.provinceId, t.code] })],
);

export const COMMUNE_PURPOSES = ["home", "work", "family", "other"] as const;
export type CommunePurpose = (typeof COMMUNE_PURPOSES)[number];

/**
 * Communes a signed-in citizen chose to hear the province's alerts and news for (where they live, farm, where their
 * parents live). Chosen, never inferred from location; cleared by the citizen or by erasure.
 */
export const citizenCommunes = sqliteTable(
  "citizen_communes",
  {
    citizenId: integer("citizen_id").notNull(),
    provinceId: text("province_id").notNull(),
    communeCode: text("commune_code").notNull(),
    purpose: text("purpose").$type<CommunePurpose>().notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.citizenId, t.communeCode] }), index("citizen_communes_area_idx").on(t.provinceId, t.communeCode, t.citizenId)],
);

export const NEWS_CATEGORIES = ["chinh-sach", "thong-bao", "huong-dan"] as const;
export type NewsCategory = (typeof NEWS_CATEGORIES)[number];

/** A cover image in R2, its metadata stripped (as feedback photos are). */
export type NewsCover = { key: string; type: string; bytes: number };

/**
 * The province's news: written by staff with the `communications` permission or pushed by the province's portal.
 * `body` is plain text: paragraphs separated by blank lines, links as bare https URLs; never HTML.
 */
export const newsPosts = sqliteTable(
  "news_posts",
  {
    provinceId: text("province_id").notNull(),
    id: text("id").notNull(),
    title: text("title").notNull(),
    summary: text("summary").notNull(),
    body: text("body").notNull(),
    category: text("category").$type<NewsCategory>().notNull(),
    cover: text("cover", { mode: "json" }).$type<NewsCover>(),
    /** When it appears in the feed (a future time schedules it). */
    publishedAt: text("published_at").notNull(),
    /** Set when unpublished: gone from the feed, kept for the record. */
    unpublishedAt: text("unpublished_at"),
    /** Whether subscribers are messaged when it is published (lowest priority, folds into digests). */
    notify: integer("notify", { mode: "boolean" }).notNull().default(true),
    source: text("source").$type<"staff" | "integration">().notNull(),
    /** The officer id (staff) or the integration key id that wrote it last. */
    author: text("author").notNull(),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.provinceId, t.id] }), index("news_posts_feed_idx").on(t.provinceId, t.publishedAt)],
);

export const CAP_MSG_TYPES = ["Alert", "Update", "Cancel"] as const;
export type CapMsgType = (typeof CAP_MSG_TYPES)[number];

/** An alert's area as stored: CAP's areaDesc, the communes its geocodes name, and any polygons as given. */
export type AlertArea = { areaDesc: string; communes: string[]; polygons?: string[] };

/**
 * One CAP 1.2 message as received (Alert, Update or Cancel), with its first `info` block's fields for querying.
 * `threadId` is the row of the original Alert an Update or Cancel refers to (its own id for an Alert); the row an
 * Update or Cancel replaces gets `supersededAt`. Active: Alert/Update, not superseded, not expired.
 */
export const alerts = sqliteTable(
  "alerts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    provinceId: text("province_id").notNull(),
    sender: text("sender").notNull(),
    identifier: text("identifier").notNull(),
    sent: text("sent").notNull(),
    status: text("status").notNull(),
    msgType: text("msg_type").$type<CapMsgType>().notNull(),
    scope: text("scope").notNull(),
    references: text("references"),
    event: text("event").notNull(),
    urgency: text("urgency").notNull(),
    severity: text("severity").notNull(),
    certainty: text("certainty").notNull(),
    headline: text("headline").notNull(),
    description: text("description"),
    instruction: text("instruction"),
    effective: text("effective").notNull(),
    expires: text("expires"),
    areas: text("areas", { mode: "json" }).$type<AlertArea[]>().notNull(),
    /** The whole alert as validated (CAP's structure, as JSON): what alerts.cap serialises back to XML. */
    cap: text("cap", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    threadId: integer("thread_id"),
    supersededAt: text("superseded_at"),
    /** Who sent it: an integration key id, or `staff:<officerId>`. */
    author: text("author").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("alerts_sender_identifier_uq").on(t.provinceId, t.sender, t.identifier),
    index("alerts_active_idx").on(t.provinceId, t.supersededAt, t.expires),
    index("alerts_thread_idx").on(t.threadId),
  ],
);

/** Which communes each alert row covers: the banner's and the fan-out's lookup by commune. */
export const alertCommunes = sqliteTable(
  "alert_communes",
  {
    alertId: integer("alert_id").notNull(),
    provinceId: text("province_id").notNull(),
    communeCode: text("commune_code").notNull(),
  },
  (t) => [primaryKey({ columns: [t.alertId, t.communeCode] }), index("alert_communes_commune_idx").on(t.provinceId, t.communeCode)],
);

/**
 * One send of an alert message or a news post to its audience, with live counters the fan-out pages add to in the
 * same db.batch as their delivery rows: what the sender sees (targeted, reached by Zalo, in-app only, deferred,
 * failed). `subject` is the alert's identifier or the news id.
 */
export const broadcasts = sqliteTable(
  "broadcasts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    provinceId: text("province_id").notNull(),
    kind: text("kind").$type<"alert" | "news">().notNull(),
    subject: text("subject").notNull(),
    outboxId: integer("outbox_id").notNull(),
    targeted: integer("targeted").notNull().default(0),
    sentByZalo: integer("sent_by_zalo").notNull().default(0),
    inAppOnly: integer("in_app_only").notNull().default(0),
    deferred: integer("deferred").notNull().default(0),
    failed: integer("failed").notNull().default(0),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [uniqueIndex("broadcasts_subject_uq").on(t.provinceId, t.kind, t.subject), uniqueIndex("broadcasts_outbox_uq").on(t.outboxId)],
);

/**
 * Zalo's limits per channel, per province (Zalo grants them per app and per OA): the planner never asks Zalo for
 * more. A province without a row has the defaults (domain/delivery-limits).
 */
export const deliverySettings = sqliteTable("delivery_settings", {
  provinceId: text("province_id").primaryKey(),
  /** Mini App notifications: per user per day, the app's daily cap, the daily window (HH:mm Vietnam), activity. */
  miniappPerUserDaily: integer("miniapp_per_user_daily").notNull(),
  miniappDailyCap: integer("miniapp_daily_cap").notNull(),
  miniappWindowStart: text("miniapp_window_start").notNull(),
  miniappWindowEnd: text("miniapp_window_end").notNull(),
  miniappActiveDays: integer("miniapp_active_days").notNull(),
  /** ZNS: the OA's daily quota (Zalo raises or lowers it with message quality). */
  znsDailyQuota: integer("zns_daily_quota").notNull(),
  /** OA broadcasts: per follower per month and per day. */
  oaPerFollowerMonthly: integer("oa_per_follower_monthly").notNull(),
  oaPerFollowerDaily: integer("oa_per_follower_daily").notNull(),
  ...timestamps,
});

/**
 * What each channel has used per Vietnam day (yyyy-MM-dd), per province. `used` only grows up to the cap, in one
 * conditional UPDATE; `prev` keeps the value before the last grant, so RETURNING `used - prev` is what was granted.
 */
export const quotaUsage = sqliteTable(
  "quota_usage",
  {
    provinceId: text("province_id").notNull(),
    channel: text("channel").notNull(),
    day: text("day").notNull(),
    used: integer("used").notNull().default(0),
    prev: integer("prev").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.provinceId, t.channel, t.day] })],
);
